// Labelled taint benchmark case, written by bench/taint/generate.py: edit the generator, not this file.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Serialization.Formatters.Binary;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using System.Xml.XPath;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Newtonsoft.Json;
using Opc.Ua;

namespace Bench.Cases;

public sealed class ReDoS_src_mqtt_Safe
{
    public void Run()
    {
        var v = Clean.Number((Mqtt.Message.ConvertPayloadToString()));
        Patterns.Email.Match(v);  // SAFE QLB1010
    }
}

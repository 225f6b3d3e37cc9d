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

[ApiController]
public sealed class Xml_src_bound_model_BadController : ControllerBase
{
    [HttpPost]
    public IActionResult Post([FromBody] OrderDto order)
    {
        Xml.Doc.DocumentElement.InnerXml = order.Customer;  // BAD QLB1005
        return Ok();
    }
}

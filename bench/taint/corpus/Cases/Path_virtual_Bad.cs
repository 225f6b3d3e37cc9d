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

public sealed partial class Path_virtual_Bad
{
    public abstract class Reader
    {
        public abstract string Read();
    }
    public sealed class InputReader : Reader
    {
        public override string Read() => Console.ReadLine();
    }
    public void Run(Reader reader)
    {
        Directory.CreateDirectory(Path.Combine("/srv/out", reader.Read()));  // BAD QLB1002
    }
}

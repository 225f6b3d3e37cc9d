using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class ThreatModelParserTests
{
    // Threat Dragon 2.x layout: detail.diagrams[].cells[].data.threats[].
    internal const string ThreatDragonV2 = """
        {
          "version": "2.2.0",
          "summary": { "title": "Controller gateway", "owner": "Security team", "description": "", "id": 0 },
          "detail": {
            "contributors": [],
            "diagrams": [
              {
                "id": 0,
                "title": "Frame path",
                "diagramType": "STRIDE",
                "placeholder": "New STRIDE diagram description",
                "thumbnail": "./public/content/images/thumbnail.stride.jpg",
                "version": "2.2.0",
                "cells": [
                  {
                    "position": { "x": 100, "y": 100 },
                    "size": { "width": 100, "height": 100 },
                    "shape": "process",
                    "id": "0d6c1c1f-6d1e-4b2e-9d5b-1f7e6f2e6c01",
                    "zIndex": 1,
                    "data": {
                      "type": "tm.Process",
                      "name": "Frame parser",
                      "description": "",
                      "outOfScope": false,
                      "hasOpenThreats": true,
                      "threats": [
                        {
                          "id": "6b1ad2f6-3b0b-4e7d-9f57-7f0f2b0b9a11",
                          "title": "Tampered frame changes a setpoint",
                          "status": "Mitigated",
                          "severity": "High",
                          "type": "Tampering",
                          "description": "An attacker on the fieldbus modifies a write frame.",
                          "mitigation": "Verify the HMAC of every frame before parsing.",
                          "modelType": "STRIDE",
                          "new": false,
                          "number": 3,
                          "score": ""
                        },
                        {
                          "id": "a9d0c7de-8f25-4f07-b0a2-1b6b0e0e6c22",
                          "title": "T-9: Replayed frame",
                          "status": "Open",
                          "severity": "Medium",
                          "type": "Spoofing",
                          "description": "",
                          "mitigation": "",
                          "modelType": "STRIDE",
                          "new": false,
                          "number": 4,
                          "score": ""
                        },
                        {
                          "id": "c1b2c3d4-0000-4000-8000-000000000033",
                          "title": "Parser crash",
                          "status": "NotApplicable",
                          "severity": "Low",
                          "type": "Denial of service",
                          "mitigation": "n/a",
                          "number": 5
                        }
                      ]
                    }
                  },
                  {
                    "shape": "flow",
                    "id": "f1",
                    "data": { "type": "tm.Flow", "name": "frames", "threats": [] }
                  }
                ]
              }
            ]
          }
        }
        """;

    [Fact]
    public void Threat_Dragon_2_threats_become_threats_and_mitigations()
    {
        var result = ThreatDragonParser.Parse("model.json", ThreatDragonV2);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "TD-3", "TD-3-M", "T-9", "TD-5" }, result.Items.Select(i => i.Id));
        var threat = result.Items[0];
        Assert.Equal(RequirementKind.Threat, threat.Kind);
        Assert.Equal("Tampered frame changes a setpoint", threat.Title);
        Assert.Equal("Frame path / Frame parser", threat.Context);
        Assert.Equal("Mitigated", threat.Status);
        Assert.Equal(28, threat.Location.Line);
        var mitigation = result.Items[1];
        Assert.Equal(RequirementKind.Mitigation, mitigation.Kind);
        Assert.Equal("Verify the HMAC of every frame before parsing.", mitigation.Title);
        Assert.Equal(new[] { "TD-3" }, mitigation.Covers);
        Assert.Equal("Replayed frame", result.Items[2].Title);
        Assert.Equal("NotApplicable", result.Items[3].Status);
    }

    [Fact]
    public void Threat_Dragon_1_layout_is_read_too()
    {
        const string v1 = """
            {"summary":{"title":"Old model"},"detail":{"contributors":[],"diagrams":[{"title":"Main","thumbnail":"x","id":0,
            "diagramJson":{"cells":[{"type":"tm.Process","attrs":{"text":{"text":"Frame parser"}},
            "threats":[{"ruleId":"4adaa48a","title":"M-7: Weak MAC","type":"Tampering","status":"Open","severity":"High","description":"d","mitigation":"Use HMAC-SHA256"}]}]}}]}}
            """;
        var result = ThreatDragonParser.Parse("old.json", v1);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "M-7", "M-7-M" }, result.Items.Select(i => i.Id));
        Assert.Equal("Main / Frame parser", result.Items[0].Context);
    }

    [Theory]
    [InlineData("{\"detail\": {\"diagrams\": [}", 1, "not valid JSON")]
    [InlineData("{\n  \"requirements\": []\n}", 1, "not an OWASP Threat Dragon model")]
    public void Broken_json_or_another_json_file_is_a_problem_with_the_line(string json, int line, string what)
    {
        var result = ThreatDragonParser.Parse("x.json", json);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(line, problem.Location.Line);
        Assert.Contains(what, problem.Message, StringComparison.Ordinal);
    }

    // Threat Modeling Tool 7.x: DataContract XML, ThreatInstances as KeyValueOf... pairs.
    internal const string Tm7 = """
        <ThreatModel xmlns="http://schemas.datacontract.org/2004/07/ThreatModeling.Model" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
          <DrawingSurfaceList/>
          <MetaInformation><ThreatModelName>Gateway</ThreatModelName></MetaInformation>
          <Notes/>
          <ThreatInstances xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <a:KeyValueOfstringThreatpc_P0_PhOB>
              <a:Key>T1abc</a:Key>
              <a:Value xmlns:b="http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase">
                <b:ChangedBy i:nil="true"/>
                <b:DrawingSurfaceGuid>fbedf423-5e9d-4f8e-bc1f-20238c6de320</b:DrawingSurfaceGuid>
                <b:FlowGuid>7c8acdd6-6536-417a-a8ff-91989e8e0865</b:FlowGuid>
                <b:Id>12</b:Id>
                <b:InteractionKey>a:b:c</b:InteractionKey>
                <b:InteractionString i:nil="true"/>
                <b:ModifiedAt>0001-01-01T00:00:00</b:ModifiedAt>
                <b:Priority>High</b:Priority>
                <b:Properties>
                  <a:KeyValueOfstringstring><a:Key>Title</a:Key><a:Value>Spoofing of the HMI</a:Value></a:KeyValueOfstringstring>
                  <a:KeyValueOfstringstring><a:Key>UserThreatCategory</a:Key><a:Value>Spoofing</a:Value></a:KeyValueOfstringstring>
                  <a:KeyValueOfstringstring><a:Key>InteractionString</a:Key><a:Value>HMI to Gateway</a:Value></a:KeyValueOfstringstring>
                </b:Properties>
                <b:SourceGuid>d10cd9c7-4f67-47a7-9f5e-8c80ec715517</b:SourceGuid>
                <b:State>Mitigated</b:State>
                <b:StateInformation>Mutual TLS between HMI and gateway</b:StateInformation>
                <b:TargetGuid>99f8b162-4a93-4ba6-ae7c-5bd779fea056</b:TargetGuid>
                <b:Title i:nil="true"/>
                <b:TypeId>S1</b:TypeId>
                <b:Upgraded>false</b:Upgraded>
              </a:Value>
            </a:KeyValueOfstringThreatpc_P0_PhOB>
            <a:KeyValueOfstringThreatpc_P0_PhOB>
              <a:Key>T2def</a:Key>
              <a:Value xmlns:b="http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase">
                <b:Id>13</b:Id>
                <b:Properties>
                  <a:KeyValueOfstringstring><a:Key>Title</a:Key><a:Value>Web Server Process Memory Tampered</a:Value></a:KeyValueOfstringstring>
                </b:Properties>
                <b:State>AutoGenerated</b:State>
                <b:StateInformation i:nil="true"/>
              </a:Value>
            </a:KeyValueOfstringThreatpc_P0_PhOB>
          </ThreatInstances>
          <ThreatGenerationEnabled>true</ThreatGenerationEnabled>
          <Validations/>
          <Version>4.3</Version>
        </ThreatModel>
        """;

    [Fact]
    public void Threat_Modeling_Tool_threat_instances_become_threats_and_mitigations()
    {
        var result = Tm7Parser.Parse("gateway.tm7", Tm7);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "TMT-12", "TMT-12-M", "TMT-13" }, result.Items.Select(i => i.Id));
        Assert.Equal("Spoofing of the HMI", result.Items[0].Title);
        Assert.Equal("Spoofing / HMI to Gateway", result.Items[0].Context);
        Assert.Equal("Mutual TLS between HMI and gateway", result.Items[1].Title);
        Assert.Equal(new[] { "TMT-12" }, result.Items[1].Covers);
        Assert.Equal("AutoGenerated", result.Items[2].Status);
        Assert.Equal(6, result.Items[0].Location.Line);
    }

    [Fact]
    public void A_tm7_that_is_not_a_threat_model_is_a_problem()
    {
        var result = Tm7Parser.Parse("x.tm7", "<Other/>");
        Assert.Contains("ThreatModel", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<ThreatModel>\n  <ThreatInstances>\n</ThreatModel>", 3, "not well-formed XML")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE ThreatModel [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<ThreatModel>&x;</ThreatModel>", 2, "DTD")]
    public void A_broken_tm7_or_one_with_a_DTD_is_a_problem_with_the_line(string xml, int line, string what)
    {
        var result = Tm7Parser.Parse("x.tm7", xml);

        Assert.Empty(result.Items);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(line, problem.Location.Line);
        Assert.StartsWith("This .tm7 file is not well-formed XML: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(what, problem.Message, StringComparison.Ordinal);
    }
}

using QuantLayer.BuildGuard.Traceability;

namespace QuantLayer.BuildGuard.Evidence.Tests.Traceability;

public sealed class ReqIfRegistryParserTests
{
    // Shaped like a requirements tool's export: header, an enumeration datatype, a spec object type
    // with the Implementation Guide's ReqIF.ForeignID / ReqIF.Name / ReqIF.Text attributes plus
    // custom Revision and Kind, a heading object, XHTML text, relations and a specification tree.
    internal const string Export = """
        <?xml version="1.0" encoding="UTF-8"?>
        <REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">
          <THE-HEADER>
            <REQ-IF-HEADER IDENTIFIER="hdr-1">
              <CREATION-TIME>2026-01-15T10:00:00Z</CREATION-TIME>
              <REQ-IF-TOOL-ID>Example RM</REQ-IF-TOOL-ID>
              <REQ-IF-VERSION>1.0</REQ-IF-VERSION>
              <SOURCE-TOOL-ID>Example RM 7</SOURCE-TOOL-ID>
              <TITLE>Gateway security requirements</TITLE>
            </REQ-IF-HEADER>
          </THE-HEADER>
          <CORE-CONTENT>
            <REQ-IF-CONTENT>
              <DATATYPES>
                <DATATYPE-DEFINITION-STRING IDENTIFIER="dt-string" LAST-CHANGE="2026-01-15T10:00:00Z" MAX-LENGTH="1000"/>
                <DATATYPE-DEFINITION-INTEGER IDENTIFIER="dt-int" LAST-CHANGE="2026-01-15T10:00:00Z" MAX="1000" MIN="1"/>
                <DATATYPE-DEFINITION-XHTML IDENTIFIER="dt-xhtml" LAST-CHANGE="2026-01-15T10:00:00Z"/>
                <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="dt-kind" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <SPECIFIED-VALUES>
                    <ENUM-VALUE IDENTIFIER="ev-sec" LONG-NAME="Security requirement" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <PROPERTIES><EMBEDDED-VALUE KEY="1" OTHER-CONTENT=""/></PROPERTIES>
                    </ENUM-VALUE>
                    <ENUM-VALUE IDENTIFIER="ev-mit" LONG-NAME="Mitigation" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <PROPERTIES><EMBEDDED-VALUE KEY="2" OTHER-CONTENT=""/></PROPERTIES>
                    </ENUM-VALUE>
                    <ENUM-VALUE IDENTIFIER="ev-threat" LONG-NAME="Threat" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <PROPERTIES><EMBEDDED-VALUE KEY="3" OTHER-CONTENT=""/></PROPERTIES>
                    </ENUM-VALUE>
                    <ENUM-VALUE IDENTIFIER="ev-heading" LONG-NAME="Heading" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <PROPERTIES><EMBEDDED-VALUE KEY="4" OTHER-CONTENT=""/></PROPERTIES>
                    </ENUM-VALUE>
                  </SPECIFIED-VALUES>
                </DATATYPE-DEFINITION-ENUMERATION>
              </DATATYPES>
              <SPEC-TYPES>
                <SPEC-OBJECT-TYPE IDENTIFIER="sot-req" LONG-NAME="Requirement" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <SPEC-ATTRIBUTES>
                    <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ad-id" LONG-NAME="ReqIF.ForeignID" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>
                    </ATTRIBUTE-DEFINITION-STRING>
                    <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ad-name" LONG-NAME="ReqIF.Name" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>
                    </ATTRIBUTE-DEFINITION-STRING>
                    <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="ad-text" LONG-NAME="ReqIF.Text" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <TYPE><DATATYPE-DEFINITION-XHTML-REF>dt-xhtml</DATATYPE-DEFINITION-XHTML-REF></TYPE>
                    </ATTRIBUTE-DEFINITION-XHTML>
                    <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ad-chapter" LONG-NAME="ReqIF.ChapterName" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>
                    </ATTRIBUTE-DEFINITION-STRING>
                    <ATTRIBUTE-DEFINITION-INTEGER IDENTIFIER="ad-rev" LONG-NAME="Revision" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <TYPE><DATATYPE-DEFINITION-INTEGER-REF>dt-int</DATATYPE-DEFINITION-INTEGER-REF></TYPE>
                    </ATTRIBUTE-DEFINITION-INTEGER>
                    <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="ad-kind" LONG-NAME="Kind" LAST-CHANGE="2026-01-15T10:00:00Z" MULTI-VALUED="false">
                      <TYPE><DATATYPE-DEFINITION-ENUMERATION-REF>dt-kind</DATATYPE-DEFINITION-ENUMERATION-REF></TYPE>
                    </ATTRIBUTE-DEFINITION-ENUMERATION>
                  </SPEC-ATTRIBUTES>
                </SPEC-OBJECT-TYPE>
                <SPEC-RELATION-TYPE IDENTIFIER="srt-mitigates" LONG-NAME="mitigates" LAST-CHANGE="2026-01-15T10:00:00Z"/>
                <SPEC-RELATION-TYPE IDENTIFIER="srt-derived" LONG-NAME="is derived from" LAST-CHANGE="2026-01-15T10:00:00Z"/>
                <SPECIFICATION-TYPE IDENTIFIER="st-1" LONG-NAME="Specification" LAST-CHANGE="2026-01-15T10:00:00Z"/>
              </SPEC-TYPES>
              <SPEC-OBJECTS>
                <SPEC-OBJECT IDENTIFIER="so-heading" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <VALUES>
                    <ATTRIBUTE-VALUE-STRING THE-VALUE="Communication security">
                      <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-chapter</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION>
                    </ATTRIBUTE-VALUE-STRING>
                  </VALUES>
                  <TYPE><SPEC-OBJECT-TYPE-REF>sot-req</SPEC-OBJECT-TYPE-REF></TYPE>
                </SPEC-OBJECT>
                <SPEC-OBJECT IDENTIFIER="so-1" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <VALUES>
                    <ATTRIBUTE-VALUE-STRING THE-VALUE="SR-1">
                      <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION>
                    </ATTRIBUTE-VALUE-STRING>
                    <ATTRIBUTE-VALUE-XHTML>
                      <DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>ad-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION>
                      <THE-VALUE><xhtml:div><xhtml:p>Every frame carries a <xhtml:b>MAC</xhtml:b>.</xhtml:p><xhtml:p>Second paragraph.</xhtml:p></xhtml:div></THE-VALUE>
                    </ATTRIBUTE-VALUE-XHTML>
                    <ATTRIBUTE-VALUE-INTEGER THE-VALUE="3">
                      <DEFINITION><ATTRIBUTE-DEFINITION-INTEGER-REF>ad-rev</ATTRIBUTE-DEFINITION-INTEGER-REF></DEFINITION>
                    </ATTRIBUTE-VALUE-INTEGER>
                    <ATTRIBUTE-VALUE-ENUMERATION>
                      <DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>ad-kind</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION>
                      <VALUES><ENUM-VALUE-REF>ev-sec</ENUM-VALUE-REF></VALUES>
                    </ATTRIBUTE-VALUE-ENUMERATION>
                  </VALUES>
                  <TYPE><SPEC-OBJECT-TYPE-REF>sot-req</SPEC-OBJECT-TYPE-REF></TYPE>
                </SPEC-OBJECT>
                <SPEC-OBJECT IDENTIFIER="so-2" LONG-NAME="Base protocol security" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <VALUES>
                    <ATTRIBUTE-VALUE-STRING THE-VALUE="SR-0">
                      <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION>
                    </ATTRIBUTE-VALUE-STRING>
                  </VALUES>
                  <TYPE><SPEC-OBJECT-TYPE-REF>sot-req</SPEC-OBJECT-TYPE-REF></TYPE>
                </SPEC-OBJECT>
                <SPEC-OBJECT IDENTIFIER="so-3" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <VALUES>
                    <ATTRIBUTE-VALUE-STRING THE-VALUE="T-1">
                      <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION>
                    </ATTRIBUTE-VALUE-STRING>
                    <ATTRIBUTE-VALUE-STRING THE-VALUE="Spoofed frames">
                      <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-name</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION>
                    </ATTRIBUTE-VALUE-STRING>
                    <ATTRIBUTE-VALUE-ENUMERATION>
                      <DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>ad-kind</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION>
                      <VALUES><ENUM-VALUE-REF>ev-threat</ENUM-VALUE-REF></VALUES>
                    </ATTRIBUTE-VALUE-ENUMERATION>
                  </VALUES>
                  <TYPE><SPEC-OBJECT-TYPE-REF>sot-req</SPEC-OBJECT-TYPE-REF></TYPE>
                </SPEC-OBJECT>
                <SPEC-OBJECT IDENTIFIER="so-4" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <VALUES>
                    <ATTRIBUTE-VALUE-STRING THE-VALUE="M-1">
                      <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION>
                    </ATTRIBUTE-VALUE-STRING>
                    <ATTRIBUTE-VALUE-STRING THE-VALUE="Reject frames with a wrong MAC">
                      <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-name</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION>
                    </ATTRIBUTE-VALUE-STRING>
                    <ATTRIBUTE-VALUE-ENUMERATION>
                      <DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>ad-kind</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION>
                      <VALUES><ENUM-VALUE-REF>ev-mit</ENUM-VALUE-REF></VALUES>
                    </ATTRIBUTE-VALUE-ENUMERATION>
                  </VALUES>
                  <TYPE><SPEC-OBJECT-TYPE-REF>sot-req</SPEC-OBJECT-TYPE-REF></TYPE>
                </SPEC-OBJECT>
              </SPEC-OBJECTS>
              <SPEC-RELATIONS>
                <SPEC-RELATION IDENTIFIER="rel-1" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <TYPE><SPEC-RELATION-TYPE-REF>srt-mitigates</SPEC-RELATION-TYPE-REF></TYPE>
                  <SOURCE><SPEC-OBJECT-REF>so-4</SPEC-OBJECT-REF></SOURCE>
                  <TARGET><SPEC-OBJECT-REF>so-3</SPEC-OBJECT-REF></TARGET>
                </SPEC-RELATION>
                <SPEC-RELATION IDENTIFIER="rel-2" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <TYPE><SPEC-RELATION-TYPE-REF>srt-derived</SPEC-RELATION-TYPE-REF></TYPE>
                  <SOURCE><SPEC-OBJECT-REF>so-1</SPEC-OBJECT-REF></SOURCE>
                  <TARGET><SPEC-OBJECT-REF>so-2</SPEC-OBJECT-REF></TARGET>
                </SPEC-RELATION>
              </SPEC-RELATIONS>
              <SPECIFICATIONS>
                <SPECIFICATION IDENTIFIER="spec-1" LONG-NAME="Gateway" LAST-CHANGE="2026-01-15T10:00:00Z">
                  <TYPE><SPECIFICATION-TYPE-REF>st-1</SPECIFICATION-TYPE-REF></TYPE>
                  <CHILDREN>
                    <SPEC-HIERARCHY IDENTIFIER="sh-1" LAST-CHANGE="2026-01-15T10:00:00Z">
                      <OBJECT><SPEC-OBJECT-REF>so-heading</SPEC-OBJECT-REF></OBJECT>
                      <CHILDREN>
                        <SPEC-HIERARCHY IDENTIFIER="sh-2" LAST-CHANGE="2026-01-15T10:00:00Z">
                          <OBJECT><SPEC-OBJECT-REF>so-1</SPEC-OBJECT-REF></OBJECT>
                        </SPEC-HIERARCHY>
                      </CHILDREN>
                    </SPEC-HIERARCHY>
                  </CHILDREN>
                </SPECIFICATION>
              </SPECIFICATIONS>
            </REQ-IF-CONTENT>
          </CORE-CONTENT>
        </REQ-IF>
        """;

    [Fact]
    public void An_export_is_read_through_its_datatypes_spec_types_objects_and_relations()
    {
        var result = ReqIfRegistryParser.Parse("gateway.reqif", Export);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "SR-1", "SR-0", "T-1", "M-1" }, result.Items.Select(i => i.Id));
        var sr1 = result.Items[0];
        Assert.Equal(3, sr1.Revision);
        Assert.Equal(RequirementKind.SecurityRequirement, sr1.Kind);
        Assert.Equal("Every frame carries a MAC.", sr1.Title);
        Assert.Equal(new[] { "SR-0" }, sr1.DerivesFrom);
        Assert.Equal("Base protocol security", result.Items[1].Title);
        Assert.Equal(RequirementKind.Threat, result.Items[2].Kind);
        Assert.Equal(RequirementKind.Mitigation, result.Items[3].Kind);
        Assert.Equal(new[] { "T-1" }, result.Items[3].Covers);
        Assert.True(sr1.Location.Line > 50);
        Assert.Empty(RequirementRegistry.Create(new[] { result }).Problems);
    }

    [Fact]
    public void A_numeric_foreign_id_is_prefixed_with_ReqIF_Prefix()
    {
        var text = Export
            .Replace("<ATTRIBUTE-DEFINITION-INTEGER IDENTIFIER=\"ad-rev\"", "<ATTRIBUTE-DEFINITION-STRING IDENTIFIER=\"ad-prefix\" LONG-NAME=\"ReqIF.Prefix\"><TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>\n<ATTRIBUTE-DEFINITION-INTEGER IDENTIFIER=\"ad-rev\"", StringComparison.Ordinal)
            .Replace("THE-VALUE=\"SR-0\">", "THE-VALUE=\"42\">", StringComparison.Ordinal)
            .Replace("<TYPE><SPEC-OBJECT-TYPE-REF>sot-req</SPEC-OBJECT-TYPE-REF></TYPE>\n        </SPEC-OBJECT>\n        <SPEC-OBJECT IDENTIFIER=\"so-3\"", "<TYPE><SPEC-OBJECT-TYPE-REF>sot-req</SPEC-OBJECT-TYPE-REF></TYPE>\n        </SPEC-OBJECT>\n        <SPEC-OBJECT IDENTIFIER=\"so-3\"", StringComparison.Ordinal);
        text = text.Replace("<ATTRIBUTE-VALUE-STRING THE-VALUE=\"42\">", "<ATTRIBUTE-VALUE-STRING THE-VALUE=\"GW-\"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-prefix</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>\n<ATTRIBUTE-VALUE-STRING THE-VALUE=\"42\">", StringComparison.Ordinal);

        var result = ReqIfRegistryParser.Parse("gateway.reqif", text);

        Assert.Contains(result.Items, i => i.Id == "GW-42");
        Assert.Equal(new[] { "GW-42" }, result.Items.Single(i => i.Id == "SR-1").DerivesFrom);
    }

    [Theory]
    [InlineData("<REQ-IF xmlns=\"http://www.omg.org/spec/ReqIF/20110401/reqif.xsd\"><CORE-CONTENT>", 1, "not well-formed")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE REQ-IF [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<REQ-IF/>", 2, "DTD")]
    [InlineData("<?xml version=\"1.0\"?>\n<requirements/>", 2, "not a ReqIF file")]
    [InlineData("<REQ-IF xmlns=\"urn:other\"/>", 1, "namespace")]
    public void Broken_or_foreign_files_are_one_problem_with_the_line(string xml, int line, string what)
    {
        var result = ReqIfRegistryParser.Parse("bad.reqif", xml);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(line, problem.Location.Line);
        Assert.Contains(what, problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_value_that_refers_to_an_undefined_attribute_is_a_problem_at_its_line()
    {
        var result = ReqIfRegistryParser.Parse("bad.reqif", Export.Replace("<ATTRIBUTE-DEFINITION-INTEGER-REF>ad-rev</ATTRIBUTE-DEFINITION-INTEGER-REF>", "<ATTRIBUTE-DEFINITION-INTEGER-REF>ad-gone</ATTRIBUTE-DEFINITION-INTEGER-REF>", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("ad-gone", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Location.Line > 60);
    }
}

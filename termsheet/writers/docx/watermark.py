"""A diagonal watermark ("DRAFT") behind the text of every page, as Word makes one.

Word's Design ▸ Watermark puts a VML WordArt shape (shape type 136, a text path)
into the page header, centred on the margins, turned 315°, light grey and half
transparent; LibreOffice reads the same shape. Being in the header, it is drawn
on every page.
"""

from __future__ import annotations

from lxml import etree

from termsheet.writers.docx.runs import W_NS
from termsheet.writers.fonts import SANS

_VML = "urn:schemas-microsoft-com:vml"
_OFFICE = "urn:schemas-microsoft-com:office:office"
_WORD10 = "urn:schemas-microsoft-com:office:word"

_RUN = f"""<w:r xmlns:w="{W_NS}" xmlns:v="{_VML}" xmlns:o="{_OFFICE}" xmlns:w10="{_WORD10}">
<w:rPr><w:noProof/></w:rPr>
<w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas>
<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>
<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>
</v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/>
<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
<o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>
<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136"
 style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:146pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin"
 o:allowincell="f" fillcolor="#9b2226" stroked="f">
<v:fill opacity=".12"/>
<v:textpath style="font-family:&quot;{SANS.word}&quot;;font-size:1pt"/>
<w10:wrap anchorx="margin" anchory="margin"/>
</v:shape>
</w:pict>
</w:r>"""


def watermark_run(text: str) -> etree._Element:
    """A run holding the watermark shape with ``text``."""
    run = etree.fromstring(_RUN, parser=etree.XMLParser(remove_blank_text=True))
    textpath = run.find(f".//{{{_VML}}}shape/{{{_VML}}}textpath")
    textpath.set("string", text)
    return run


def add_watermark(paragraph, text: str) -> None:
    """Append the watermark shape with ``text`` to a header ``paragraph``."""
    paragraph.append(watermark_run(text))

<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.40.0" styleCategories="Symbology|Labeling">
 <!-- Dig Once works: coloured by work category (work_category_ref). -->
 <renderer-v2 type="categorizedSymbol" attr="category" symbollevels="0" enableorderby="0" forceraster="0">
  <categories><category symbol="0" value="major" label="Major" render="true"/><category symbol="1" value="standard" label="Standard" render="true"/><category symbol="2" value="minor" label="Minor" render="true"/><category symbol="3" value="immediate_urgent" label="Immediate (urgent)" render="true"/><category symbol="4" value="immediate_emergency" label="Immediate (emergency)" render="true"/><category symbol="5" value="paa" label="Provisional advance authorisation" render="true"/><category symbol="6" value="hs2_highway" label="HS2 highway" render="true"/><category symbol="7" value="" label="Other / planned" render="true"/></categories>
  <symbols><symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#252525"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol><symbol type="line" name="1" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#636363"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol><symbol type="line" name="2" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#969696"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol><symbol type="line" name="3" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#f1b6da"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol><symbol type="line" name="4" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#c51b7d"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol><symbol type="line" name="5" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#d9d9d9"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol><symbol type="line" name="6" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#7570b3"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol><symbol type="line" name="7" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#c8c8c8"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol></symbols>
 </renderer-v2>
</qgis>

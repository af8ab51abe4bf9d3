<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.40.0" styleCategories="Symbology|Labeling">
 <!-- Dig Once works: coloured by work category (work_category_ref). -->
 <renderer-v2 type="categorizedSymbol" attr="category" symbollevels="0" enableorderby="0" forceraster="0">
  <categories><category symbol="0" value="major" label="Major" render="true"/><category symbol="1" value="standard" label="Standard" render="true"/><category symbol="2" value="minor" label="Minor" render="true"/><category symbol="3" value="immediate_urgent" label="Immediate (urgent)" render="true"/><category symbol="4" value="immediate_emergency" label="Immediate (emergency)" render="true"/><category symbol="5" value="paa" label="Provisional advance authorisation" render="true"/><category symbol="6" value="hs2_highway" label="HS2 highway" render="true"/><category symbol="7" value="" label="Other / planned" render="true"/></categories>
  <symbols><symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#252525"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol><symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#636363"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol><symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#969696"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol><symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#f1b6da"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol><symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#c51b7d"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol><symbol type="marker" name="5" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#d9d9d9"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol><symbol type="marker" name="6" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#7570b3"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol><symbol type="marker" name="7" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#c8c8c8"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol></symbols>
 </renderer-v2>
</qgis>

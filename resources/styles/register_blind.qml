<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.40.0" styleCategories="Symbology|Labeling">
 <!-- Dig Once register, blind matches: a point on my own work per match with a partner work I may not see; clash red, opportunity amber (the colours of the local pairs), hollow centre: the partner's place is not known. -->
 <renderer-v2 type="categorizedSymbol" attr="kind" symbollevels="0" enableorderby="0" forceraster="0">
  <categories><category symbol="0" value="clash" label="Clash with a private plan" render="true"/><category symbol="1" value="opportunity" label="Dig-once opportunity with a private plan" render="true"/></categories>
  <symbols><symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="255,255,255,255"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#d7191c"/><Option name="outline_width" type="QString" value="0.9"/>
<Option name="size" type="QString" value="4.2"/></Option></layer></symbol><symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="255,255,255,255"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#f5a300"/><Option name="outline_width" type="QString" value="0.9"/>
<Option name="size" type="QString" value="4.2"/></Option></layer></symbol></symbols>
 </renderer-v2>
</qgis>

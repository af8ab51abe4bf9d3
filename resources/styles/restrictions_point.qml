<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.40.0" styleCategories="Symbology">
 <!-- Dig Once Section 58 restrictions: hatched, dark red. -->
 <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
  <symbols><symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#7f3b08"/><Option name="name" type="QString" value="circle"/>
<Option name="outline_color" type="QString" value="#232323"/><Option name="outline_width" type="QString" value="0.2"/>
<Option name="size" type="QString" value="2.6"/></Option></layer></symbol></symbols>
 </renderer-v2>
</qgis>

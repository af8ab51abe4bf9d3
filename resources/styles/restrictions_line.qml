<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.40.0" styleCategories="Symbology">
 <!-- Dig Once Section 58 restrictions: hatched, dark red. -->
 <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
  <symbols><symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="line_color" type="QString" value="#7f3b08"/><Option name="line_width" type="QString" value="1.2"/>
<Option name="capstyle" type="QString" value="round"/></Option></layer></symbol></symbols>
 </renderer-v2>
</qgis>

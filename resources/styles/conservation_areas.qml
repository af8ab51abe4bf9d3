<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.40.0" styleCategories="Symbology">
 <!-- Dig Once conservation areas: a constraint, not a finding: light green hatch, dark green outline. -->
 <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
  <symbols><symbol type="fill" name="0" alpha="0.8" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0"><Option type="Map">
<Option name="color" type="QString" value="#1b7837"/><Option name="style" type="QString" value="f_diagonal"/>
<Option name="outline_color" type="QString" value="#1b7837"/><Option name="outline_width" type="QString" value="0.6"/></Option></layer></symbol></symbols>
 </renderer-v2>
</qgis>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/gui/dock.py" line="97"/>
        <source>Street works (Street Manager archive)</source>
        <translation>Gwaith stryd (archif Street Manager)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="98"/>
        <source>Section 58 restrictions (Street Manager archive)</source>
        <translation>Cyfyngiadau Adran 58 (archif Street Manager)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="101"/>
        <source>Forward plans</source>
        <translation>Cynlluniau ymlaen llaw</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="102"/>
        <source>Not-spots (Ofcom coverage)</source>
        <translation>Mannau digyswllt (darpariaeth Ofcom)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="104"/>
        <source>Cultural venues</source>
        <translation>Lleoliadau diwylliannol</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="105"/>
        <source>Planning sites</source>
        <translation>Safleoedd cynllunio</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="106"/>
        <source>Full-fibre spine</source>
        <translation>Asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="276"/>
        <source>File, folder or http(s) URL</source>
        <translation>Ffeil, ffolder neu URL http(s)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="279"/>
        <source>Pick a file, a folder or a layer of the project</source>
        <translation>Dewiswch ffeil, ffolder neu haen o'r prosiect</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="685"/>
        <source>Import</source>
        <translation>Mewnforio</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="285"/>
        <source>Rejects</source>
        <translation>Gwrthodiadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="287"/>
        <source>Open the records this import rejected, with the reasons</source>
        <translation>Agor y cofnodion a wrthodwyd gan y mewnforio hwn, gyda'r rhesymau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="925"/>
        <source>Run</source>
        <translation>Rhedeg</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/provider.py" line="63"/>
        <source>Dig Once</source>
        <translation>Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="523"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="524"/>
        <source>Checks</source>
        <translation>Gwiriadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="525"/>
        <source>My plan</source>
        <translation>Fy nghynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="526"/>
        <source>Settings</source>
        <translation>Gosodiadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="452"/>
        <source>Shared register</source>
        <translation>Cofrestr a rennir</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="531"/>
        <source>My plan layer</source>
        <translation>Haen fy nghynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="532"/>
        <source>Works register</source>
        <translation>Cofrestr gwaith</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="533"/>
        <source>Start live check</source>
        <translation>Dechrau'r gwiriad byw</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="534"/>
        <source>Stop</source>
        <translation>Stopio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="37"/>
        <source>Store (GeoPackage)</source>
        <translation>Storfa (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="988"/>
        <source>Distance (m)</source>
        <translation>Pellter (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="539"/>
        <source>Maximum gap (days)</source>
        <translation>Bwlch mwyaf (diwrnodau)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="540"/>
        <source>Not-spot share of premises (%)</source>
        <translation>Cyfran yr eiddo mewn man digyswllt (%)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="541"/>
        <source>Not-spot level</source>
        <translation>Lefel man digyswllt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="542"/>
        <source>Maximum distance to the spine (m)</source>
        <translation>Pellter mwyaf i'r asgwrn cefn (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="543"/>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="544"/>
        <source>Reset to defaults</source>
        <translation>Ailosod i'r rhagosodiadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="563"/>
        <source>File…</source>
        <translation>Ffeil…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="566"/>
        <source>Folder…</source>
        <translation>Ffolder…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="572"/>
        <source>Project layer</source>
        <translation>Haen y prosiect</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="594"/>
        <source>(no layer in the project)</source>
        <translation>(dim haen yn y prosiect)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="623"/>
        <source>Cancelling…</source>
        <translation>Yn canslo…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="636"/>
        <source>Pick a file, a folder or a URL first (the … button).</source>
        <translation>Dewiswch ffeil, ffolder neu URL yn gyntaf (y botwm …).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="640"/>
        <source>{0} does not exist.</source>
        <translation>Nid yw {0} yn bodoli.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="676"/>
        <source>Dig Once: import {0}</source>
        <translation>Dig Once: mewnforio {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="919"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="680"/>
        <source>Importing {0}… (progress in the task manager)</source>
        <translation>Yn mewnforio {0}… (cynnydd yn y rheolwr tasgau)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="703"/>
        <source>Imported: {0}</source>
        <translation>Wedi mewnforio: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="768"/>
        <source>Store: {0}</source>
        <translation>Storfa: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="772"/>
        <source>Nothing imported yet.</source>
        <translation>Dim wedi'i fewnforio eto.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="782"/>
        <source>The store cannot be read: {0}</source>
        <translation>Methu darllen y storfa: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="799"/>
        <source>{0} records in the store; nothing imported yet.</source>
        <translation>{0} o gofnodion yn y storfa; dim wedi'i fewnforio eto.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="804"/>
        <source>{records} records in the store. Last import {when}: {imported} imported, {rejected} rejected, from {source}</source>
        <translation>{records} o gofnodion yn y storfa. Mewnforio diwethaf {when}: {imported} wedi'u mewnforio, {rejected} wedi'u gwrthod, o {source}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="819"/>
        <source>No import yet: nothing was rejected.</source>
        <translation>Dim mewnforio eto: ni wrthodwyd dim.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="824"/>
        <source>Rejects: {0}</source>
        <translation>Gwrthodiadau: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="826"/>
        <source>The rejects table cannot be opened.</source>
        <translation>Methu agor tabl y gwrthodiadau.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="880"/>
        <source>Choose a layer for {0}. No suitable layer is loaded: import it in the Data tab or add it to the project.</source>
        <translation>Dewiswch haen ar gyfer {0}. Nid oes haen addas wedi'i llwytho: mewnforiwch hi yn y tab Data neu ychwanegwch hi at y prosiect.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="184"/>
        <source>Dig Once: {0}</source>
        <translation>Dig Once: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="190"/>
        <source>Running… (progress in the task manager)</source>
        <translation>Yn rhedeg… (cynnydd yn y rheolwr tasgau)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="941"/>
        <source>Done: {n} layers added to “{g}”. {c}</source>
        <translation>Wedi gorffen: {n} haen wedi'u hychwanegu at “{g}”. {c}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/runner.py" line="30"/>
        <source>Dig Once results</source>
        <translation>Canlyniadau Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="988"/>
        <source>Plan feature</source>
        <translation>Nodwedd y cynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="988"/>
        <source>Finding</source>
        <translation>Canfyddiad</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="988"/>
        <source>With</source>
        <translation>Gyda</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="988"/>
        <source>Owner</source>
        <translation>Perchennog</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="988"/>
        <source>Days</source>
        <translation>Diwrnodau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="996"/>
        <source>Choose your plan layer (editable) and the works register, then Start.</source>
        <translation>Dewiswch haen eich cynllun (y gellir ei golygu) a'r gofrestr gwaith, yna Dechrau.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1015"/>
        <source>your plan layer</source>
        <translation>haen eich cynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1017"/>
        <source>the works register (import street works in the Data tab)</source>
        <translation>y gofrestr gwaith (mewnforiwch waith stryd yn y tab Data)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1018"/>
        <source>Choose {0} first.</source>
        <translation>Dewiswch {0} yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1018"/>
        <source> and </source>
        <translation> a </translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1021"/>
        <source>The plan layer and the register must be different layers.</source>
        <translation>Rhaid i haen y cynllun a'r gofrestr fod yn haenau gwahanol.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1056"/>
        <source>clash</source>
        <translation>gwrthdaro</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1056"/>
        <source>opportunity</source>
        <translation>cyfle</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1059"/>
        <source>{0} days overlap</source>
        <translation>{0} diwrnod o orgyffwrdd</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1059"/>
        <source>{0} days apart</source>
        <translation>{0} diwrnod ar wahân</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1067"/>
        <source>plan feature {0}</source>
        <translation>nodwedd y cynllun {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1088"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1090"/>
        <source>Decent broadband (USO, 10 Mbit/s)</source>
        <translation>Band eang digonol (USO, 10 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1090"/>
        <source>Superfast (30 Mbit/s)</source>
        <translation>Cyflym iawn (30 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1090"/>
        <source>Gigabit (1 000 Mbit/s)</source>
        <translation>Gigabit (1 000 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="80"/>
        <source>Dig Once: indexing the works register</source>
        <translation>Dig Once: mynegeio'r gofrestr gwaith</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="174"/>
        <source>Both the plan and the register must be vector layers.</source>
        <translation>Rhaid i'r cynllun a'r gofrestr fod yn haenau fector.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="187"/>
        <source>Indexing the register ({0} works)…</source>
        <translation>Yn mynegeio'r gofrestr ({0} o waith)…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="193"/>
        <source>cancelled</source>
        <translation>wedi'i ganslo</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="194"/>
        <source>The register could not be indexed: {0}</source>
        <translation>Methu mynegeio'r gofrestr: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="301"/>
        <source>{c} clashes and {o} opportunities for {n} plan features.</source>
        <translation>{c} achos o wrthdaro a {o} cyfle ar gyfer {n} nodwedd yn y cynllun.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="305"/>
        <source>Last edit checked in {0:.1f} ms.</source>
        <translation>Gwiriwyd y golygiad diwethaf mewn {0:.1f} ms.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="307"/>
        <source>{0} plan features cannot be checked (e.g. {1}).</source>
        <translation>Methu gwirio {0} nodwedd yn y cynllun (e.e. {1}).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/param_form.py" line="94"/>
        <source>Advanced parameters</source>
        <translation>Paramedrau uwch</translation>
    </message>
    <message>
        <location filename="../plugin/gui/runner.py" line="121"/>
        <source>Cancelled: nothing was changed.</source>
        <translation>Wedi'i ganslo: ni newidiwyd dim.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/runner.py" line="123"/>
        <source>The algorithm failed.</source>
        <translation>Methodd yr algorithm.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/runner.py" line="156"/>
        <source>Could not load the result {0}</source>
        <translation>Methu llwytho'r canlyniad {0}</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="184"/>
        <source>Dig Once toolbox</source>
        <translation>Blwch offer Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="243"/>
        <source>&amp;Dig Once</source>
        <translation>&amp;Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="206"/>
        <source>Dig Once panel</source>
        <translation>Panel Dig Once</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/provider.py" line="66"/>
        <source>Dig Once: street works coordination and full-fibre coverage</source>
        <translation>Dig Once: cydlynu gwaith stryd a darpariaeth ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="72"/>
        <source>Dig Once data</source>
        <translation>Data Dig Once</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="38"/>
        <source>The local store the records are merged into; created when missing. Defaults to the store in your QGIS profile (Dig Once settings). Nothing is uploaded anywhere.</source>
        <translation>Y storfa leol y caiff y cofnodion eu cyfuno iddi; caiff ei chreu os nad yw'n bodoli. Y rhagosodiad yw'r storfa yn eich proffil QGIS (gosodiadau Dig Once). Nid oes dim yn cael ei lanlwytho i unman.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="79"/>
        <source>Not an http(s) address: {u}</source>
        <translation>Nid yw'n gyfeiriad http(s): {u}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="80"/>
        <source>Downloading {u}</source>
        <translation>Yn llwytho i lawr {u}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="93"/>
        <source>{p}: {w}</source>
        <translation>{p}: {w}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="93"/>
        <source>downloaded</source>
        <translation>wedi'i lwytho i lawr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="93"/>
        <source>cached copy, unchanged</source>
        <translation>copi wedi'i storio, heb ei newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="101"/>
        <source>Give an input file or folder, or an http(s) address.</source>
        <translation>Rhowch ffeil neu ffolder mewnbwn, neu gyfeiriad http(s).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="104"/>
        <source>Input not found: {p}</source>
        <translation>Heb ddod o hyd i'r mewnbwn: {p}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="67"/>
        <source>Get from publisher</source>
        <translation>Cael gan y cyhoeddwr</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="85"/>
        <source>Source</source>
        <translation>Ffynhonnell</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="177"/>
        <source>Choice</source>
        <translation>Dewis</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="90"/>
        <source>Search</source>
        <translation>Chwiliad</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="92"/>
        <source>Organisation entity</source>
        <translation>Endid sefydliad</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="94"/>
        <source>empty = every organisation</source>
        <translation>gwag = pob sefydliad</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="107"/>
        <source>Download and import</source>
        <translation>Llwytho i lawr a mewnforio</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="121"/>
        <source>The catalogue has no publisher&apos;s source for this row.</source>
        <translation>Nid oes gan y catalog ffynhonnell gan y cyhoeddwr ar gyfer y rhes hon.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="187"/>
        <source>I accept the licence: {licence}</source>
        <translation>Rwy'n derbyn y drwydded: {licence}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="219"/>
        <source>This address is not confirmed from the publisher&apos;s documentation.</source>
        <translation>Nid yw'r cyfeiriad hwn wedi'i gadarnhau o ddogfennaeth y cyhoeddwr.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="227"/>
        <source>No import reads this file yet: it is downloaded into the store&apos;s cache only.</source>
        <translation>Nid oes mewnforio sy'n darllen y ffeil hon eto: dim ond i storfa dros dro'r storfa y caiff ei llwytho i lawr.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/context_layers.py" line="30"/>
        <source>Dig Once context</source>
        <translation>Cyd-destun Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/gui/context_layers.py" line="47"/>
        <source>London boroughs</source>
        <translation>Bwrdeistrefi Llundain</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="844"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="99"/>
        <source>Street works (own works file, EToN export, National Highways XML)</source>
        <translation>Gwaith stryd (eich ffeil gwaith eich hun, allforiad EToN, XML National Highways)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="128"/>
        <source>street works</source>
        <translation>gwaith stryd</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="129"/>
        <source>overlap pairs (Find works clashes)</source>
        <translation>parau gorgyffwrdd (Canfod gwrthdaro rhwng gwaith)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="130"/>
        <source>coordination groups (Find works clashes)</source>
        <translation>grwpiau cydlynu (Canfod gwrthdaro rhwng gwaith)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="131"/>
        <source>Section 58 restrictions</source>
        <translation>Cyfyngiadau Adran 58</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="132"/>
        <source>not-spots</source>
        <translation>mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="133"/>
        <source>full-fibre spine</source>
        <translation>asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="134"/>
        <source>planning sites or venues</source>
        <translation>safleoedd cynllunio neu leoliadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="153"/>
        <source>{0} is not a vector layer</source>
        <translation>Nid yw {0} yn haen fector</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="160"/>
        <source>{layer} is not {kind}: it has no {fields} field</source>
        <translation>Nid yw {layer} yn haen {kind}: nid oes ganddi faes {fields}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="164"/>
        <source>{layer} is not {kind}: wrong geometry type</source>
        <translation>Nid yw {layer} yn haen {kind}: math anghywir o geometreg</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="168"/>
        <source>{layer} is not {kind}: it holds another kind of data</source>
        <translation>Nid yw {layer} yn haen {kind}: mae'n cynnwys math arall o ddata</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="425"/>
        <source>{param}: {reason}.</source>
        <translation>{param}: {reason}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="569"/>
        <source>Get from publisher…</source>
        <translation>Cael gan y cyhoeddwr…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="610"/>
        <source>Dig Once: get {0} from the publisher</source>
        <translation>Dig Once: cael {0} gan y cyhoeddwr</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="615"/>
        <source>Downloading and importing {0}… (progress in the task manager)</source>
        <translation>Yn llwytho i lawr ac yn mewnforio {0}… (cynnydd yn y rheolwr tasgau)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="643"/>
        <source>{0} is a folder: this import takes a file (pick it with … › File…).</source>
        <translation>Ffolder yw {0}: mae'r mewnforio hwn yn cymryd ffeil (dewiswch hi gyda … › Ffeil…).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="656"/>
        <source>Choose which field of your file holds: {0} (under “Fields of your file”).</source>
        <translation>Dewiswch pa faes yn eich ffeil sy'n cynnwys: {0} (o dan “Meysydd eich ffeil”).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="946"/>
        <source>Warnings: {0}</source>
        <translation>Rhybuddion: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="732"/>
        <source>Dig Once: replace {0}?</source>
        <translation>Dig Once: disodli {0}?</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="732"/>
        <source>{0}

Replace what the store holds with this file anyway?</source>
        <translation>{0}

Disodli'r hyn sydd yn y storfa gyda'r ffeil hon beth bynnag?</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="838"/>
        <source>Map context:</source>
        <translation>Cyd-destun y map:</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="839"/>
        <source>Borough outlines</source>
        <translation>Ffiniau'r bwrdeistrefi</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="841"/>
        <source>Add London&apos;s borough outlines (shipped with Dig Once) under the results</source>
        <translation>Ychwanegu ffiniau bwrdeistrefi Llundain (a ddaw gyda Dig Once) o dan y canlyniadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="846"/>
        <source>Add the OpenStreetMap basemap under the results (needs the internet; © OpenStreetMap contributors)</source>
        <translation>Ychwanegu map sylfaen OpenStreetMap o dan y canlyniadau (angen y rhyngrwyd; © cyfranwyr OpenStreetMap)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="889"/>
        <source>Choose the right layer, or import it in the Data tab.</source>
        <translation>Dewiswch yr haen gywir, neu mewnforiwch hi yn y tab Data.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="970"/>
        <source>Fields of your plan</source>
        <translation>Meysydd eich cynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="974"/>
        <source>Start date</source>
        <translation>Dyddiad dechrau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="974"/>
        <source>End date</source>
        <translation>Dyddiad gorffen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="974"/>
        <source>Owner (promoter)</source>
        <translation>Perchennog (hyrwyddwr)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="974"/>
        <source>Reference</source>
        <translation>Cyfeirnod</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1028"/>
        <source>Choose which fields of {0} hold the start and end dates (under “Fields of your plan”).</source>
        <translation>Dewiswch pa feysydd yn {0} sy'n cynnwys y dyddiadau dechrau a gorffen (o dan “Meysydd eich cynllun”).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1085"/>
        <source>Where the checks&apos; results and the meeting packs are written</source>
        <translation>Lle caiff canlyniadau'r gwiriadau a'r pecynnau cyfarfod eu hysgrifennu</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="1086"/>
        <source>Results folder</source>
        <translation>Ffolder y canlyniadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/field_mapping.py" line="100"/>
        <source>Fields of your file</source>
        <translation>Meysydd eich ffeil</translation>
    </message>
    <message>
        <location filename="../plugin/gui/field_mapping.py" line="127"/>
        <source>(none)</source>
        <translation>(dim)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/field_mapping.py" line="127"/>
        <source>(choose a field)</source>
        <translation>(dewiswch faes)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="291"/>
        <source>new feature</source>
        <translation>nodwedd newydd</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="61"/>
        <source>A PostgreSQL connection saved in QGIS (Browser &gt; PostgreSQL &gt; New Connection) to the shared register, logging in with your own role; its password in an authentication configuration.</source>
        <translation>Cysylltiad PostgreSQL wedi'i gadw yn QGIS (Porwr &gt; PostgreSQL &gt; Cysylltiad Newydd) â'r gofrestr a rennir, gan fewngofnodi gyda'ch rôl eich hun; ei gyfrinair mewn ffurfweddiad dilysu.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="71"/>
        <source>Publish my works and plans</source>
        <translation>Cyhoeddi fy ngwaith a'm cynlluniau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="73"/>
        <source>Find my matches</source>
        <translation>Canfod fy nghyfatebiaethau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="83"/>
        <source>Register connection</source>
        <translation>Cysylltiad â'r gofrestr</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="84"/>
        <source>Who may see the detail</source>
        <translation>Pwy gaiff weld y manylion</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="85"/>
        <source>Last publication</source>
        <translation>Cyhoeddiad diwethaf</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="90"/>
        <source>Pool your plans with the other organisations of the shared register: you see the detail of what they share, and for their private plans only that a match exists and whom to contact.</source>
        <translation>Rhannwch eich cynlluniau â sefydliadau eraill y gofrestr a rennir: rydych yn gweld manylion yr hyn y maen nhw'n ei rannu, ac ar gyfer eu cynlluniau preifat dim ond bod cyfatebiaeth yn bodoli a phwy i gysylltu â nhw.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="137"/>
        <source>No PostgreSQL connection yet: add one in the Browser (PostgreSQL &gt; New Connection).</source>
        <translation>Dim cysylltiad PostgreSQL eto: ychwanegwch un yn y Porwr (PostgreSQL &gt; Cysylltiad Newydd).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="146"/>
        <source>Reading…</source>
        <translation>Yn darllen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="160"/>
        <source>Nothing published yet by your organisation.</source>
        <translation>Nid yw eich sefydliad wedi cyhoeddi dim eto.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="162"/>
        <source>{when} by {who}: {n} works ({p} private, {s} shared, {u} public)</source>
        <translation>{when} gan {who}: {n} o waith ({p} preifat, {s} a rennir, {u} cyhoeddus)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="173"/>
        <source>Dig Once: reading the register</source>
        <translation>Dig Once: yn darllen y gofrestr</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="181"/>
        <source>The Dig Once Processing provider is not loaded.</source>
        <translation>Nid yw darparwr Processing Dig Once wedi'i lwytho.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="207"/>
        <source>Published {n} works ({u} cannot be matched and say why).</source>
        <translation>Cyhoeddwyd {n} o waith (ni ellir paru {u}, ac mae'r rheswm wedi'i nodi).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="218"/>
        <source>Register matches</source>
        <translation>Cyfatebiaethau'r gofrestr</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="218"/>
        <source>Register matches (private plans)</source>
        <translation>Cyfatebiaethau'r gofrestr (cynlluniau preifat)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="238"/>
        <source>{n} matches: {f} in full, {b} with private plans (whom to contact is in the layer).</source>
        <translation>{n} cyfatebiaeth: {f} yn llawn, {b} gyda chynlluniau preifat (mae pwy i gysylltu â nhw yn yr haen).</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="45"/>
        <source>Optional package: {0}. Dig Once works without it ({1}).</source>
        <translation>Pecyn dewisol: {0}. Mae Dig Once yn gweithio hebddo ({1}).</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="53"/>
        <source>Dig Once cannot load: {0}. Install it with: {1}</source>
        <translation>Methu llwytho Dig Once: {0}. Gosodwch ef gyda: {1}</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="63"/>
        <source>Dig Once needs Python packages that QGIS&apos;s Python does not have: {0}.</source>
        <translation>Mae Dig Once angen pecynnau Python nad ydynt gan Python QGIS: {0}.</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="74"/>
        <source>Install {0}</source>
        <translation>Gosod {0}</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="80"/>
        <source>How to install by hand</source>
        <translation>Sut i osod â llaw</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="89"/>
        <source>Dig Once: install the Python packages</source>
        <translation>Dig Once: gosod y pecynnau Python</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="89"/>
        <source>Run one of these, then restart QGIS:

{0}</source>
        <translation>Rhedwch un o'r rhain, yna ailgychwynnwch QGIS:

{0}</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="122"/>
        <source>Dig Once: installing Python packages</source>
        <translation>Dig Once: yn gosod pecynnau Python</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="126"/>
        <source>Installing {0}… (progress in the task manager)</source>
        <translation>Yn gosod {0}… (cynnydd yn y rheolwr tasgau)</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="142"/>
        <source>The packages could not be installed ({0}). The command&apos;s output is in the log panel (Dig Once tab); the README shows how to install them by hand.</source>
        <translation>Methu gosod y pecynnau ({0}). Mae allbwn y gorchymyn yn y panel log (tab Dig Once); mae'r README yn dangos sut i'w gosod â llaw.</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="156"/>
        <source>Packages installed: Dig Once is ready.</source>
        <translation>Pecynnau wedi'u gosod: mae Dig Once yn barod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="28"/>
        <source>Premises or postcode household counts (points)</source>
        <translation>Eiddo neu nifer yr aelwydydd fesul cod post (pwyntiau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="28"/>
        <source>Points of premises (e.g. OS Open UPRN) or postcode centroids with a household count: the households within reach of each group&apos;s works.</source>
        <translation>Pwyntiau eiddo (e.e. OS Open UPRN) neu ganolbwyntiau codau post gyda nifer yr aelwydydd: yr aelwydydd o fewn cyrraedd gwaith pob grŵp.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="31"/>
        <source>Households field</source>
        <translation>Maes yr aelwydydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="31"/>
        <source>Number of households of each point (postcode counts); empty = each point is one premises.</source>
        <translation>Nifer yr aelwydydd ym mhob pwynt (niferoedd codau post); gwag = mae pob pwynt yn un eiddo.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="34"/>
        <source>Lane-rental streets (lines or polygons)</source>
        <translation>Strydoedd rhentu lonydd (llinellau neu bolygonau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="34"/>
        <source>The streets where a lane-rental charge applies (TfL publishes them): the charges a shared opening avoids.</source>
        <translation>Y strydoedd lle mae tâl rhentu lonydd yn berthnasol (mae TfL yn eu cyhoeddi): y taliadau y mae agoriad a rennir yn eu hosgoi.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="37"/>
        <source>Bus stops (NaPTAN Stops.csv)</source>
        <translation>Arosfannau bysiau (NaPTAN Stops.csv)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="37"/>
        <source>NaPTAN&apos;s Stops.csv (Open Government Licence): bus and coach stops in use within reach of each group.</source>
        <translation>Stops.csv NaPTAN (Trwydded Llywodraeth Agored): arosfannau bysiau a choetsys sy'n cael eu defnyddio o fewn cyrraedd pob grŵp.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="40"/>
        <source>Reach of the works (m)</source>
        <translation>Cyrhaeddiad y gwaith (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="40"/>
        <source>Premises and bus stops at most this far from any of a group&apos;s works are affected.</source>
        <translation>Ystyrir bod eiddo ac arosfannau bysiau sydd o fewn y pellter hwn ar y mwyaf i unrhyw un o waith grŵp wedi'u heffeithio.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="40"/>
        <source>Wellbeing value per household-day (£)</source>
        <translation>Gwerth llesiant fesul diwrnod aelwyd (£)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="40"/>
        <source>Pounds per household per day of disruption avoided. Default 1.61, the figure of the GLA Infrastructure Coordination Service&apos;s public benefits prototype.</source>
        <translation>Punnoedd fesul aelwyd fesul diwrnod o darfu a osgowyd. Rhagosodiad 1.61, y ffigur o brototeip manteision cyhoeddus Gwasanaeth Cydlynu Seilwaith yr GLA.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="40"/>
        <source>Lane-rental street distance (m)</source>
        <translation>Pellter stryd rhentu lonydd (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="40"/>
        <source>A works at most this far from a lane-rental street is on it.</source>
        <translation>Ystyrir bod gwaith sydd o fewn y pellter hwn ar y mwyaf i stryd rhentu lonydd arni.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="40"/>
        <source>Lane-rental charge per day (£)</source>
        <translation>Tâl rhentu lonydd y dydd (£)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="40"/>
        <source>Pounds per day of works on a charged street (TfL: £800, or £2,500 at the most traffic-sensitive times).</source>
        <translation>Punnoedd y dydd o waith ar stryd â thâl (TfL: £800, neu £2,500 ar yr adegau mwyaf sensitif i draffig).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="105"/>
        <source>{n} points of {layer}</source>
        <translation>{n} pwynt o {layer}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="107"/>
        <source>, households from field {field}</source>
        <translation>, aelwydydd o'r maes {field}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="110"/>
        <source>Premises / households</source>
        <translation>Eiddo / aelwydydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="110"/>
        <source>not given: households and wellbeing value not computed</source>
        <translation>heb ei roi: ni chyfrifwyd yr aelwydydd na'r gwerth llesiant</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="119"/>
        <source>Lane-rental streets</source>
        <translation>Strydoedd rhentu lonydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="116"/>
        <source>{n} features of {layer}</source>
        <translation>{n} nodwedd o {layer}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="119"/>
        <source>not given: lane-rental charges avoided not computed</source>
        <translation>heb ei roi: ni chyfrifwyd y taliadau rhentu lonydd a osgowyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="130"/>
        <source>{n} bus stops in use from {file}</source>
        <translation>{n} arhosfan bysiau mewn defnydd o {file}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="132"/>
        <source> ({n} rows without a coordinate left out)</source>
        <translation> ({n} rhes heb gyfesuryn wedi'u hepgor)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="135"/>
        <source>Bus stops</source>
        <translation>Arosfannau bysiau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_benefits.py" line="135"/>
        <source>not given: bus stops within reach not counted</source>
        <translation>heb ei roi: ni chyfrifwyd yr arosfannau bysiau o fewn cyrraedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="49"/>
        <source>Authentication (for an http(s) address)</source>
        <translation>Dilysu (ar gyfer cyfeiriad http(s))</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="52"/>
        <source>For an address that needs a user name and password: a configuration saved in QGIS&apos;s authentication settings (Settings &gt; Options &gt; Authentication). Never put a password in the address itself: such an address is refused, so that the password cannot end up in logs, outputs, the store or the report.</source>
        <translation>Ar gyfer cyfeiriad sydd angen enw defnyddiwr a chyfrinair: ffurfweddiad wedi'i gadw yng ngosodiadau dilysu QGIS (Gosodiadau &gt; Opsiynau &gt; Dilysu). Peidiwch byth â rhoi cyfrinair yn y cyfeiriad ei hun: caiff cyfeiriad o'r fath ei wrthod, fel na all y cyfrinair ymddangos mewn logiau, allbynnau, y storfa na'r adroddiad.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="35"/>
        <source>Register connection (PostgreSQL)</source>
        <translation>Cysylltiad â'r gofrestr (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="35"/>
        <source>A PostgreSQL connection saved in QGIS (Browser &gt; PostgreSQL &gt; New Connection) to the register&apos;s database, logging in with your own role. Give its password through an authentication configuration, never in the connection itself.</source>
        <translation>Cysylltiad PostgreSQL wedi'i gadw yn QGIS (Porwr &gt; PostgreSQL &gt; Cysylltiad Newydd) â chronfa ddata'r gofrestr, gan fewngofnodi gyda'ch rôl eich hun. Rhowch ei gyfrinair drwy ffurfweddiad dilysu, byth yn y cysylltiad ei hun.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="45"/>
        <source>Authentication configuration</source>
        <translation>Ffurfweddiad dilysu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="45"/>
        <source>Optional: an authentication configuration (Settings &gt; Options &gt; Authentication) used instead of the connection&apos;s own, e.g. another person&apos;s login on a shared machine.</source>
        <translation>Dewisol: ffurfweddiad dilysu (Gosodiadau &gt; Opsiynau &gt; Dilysu) a ddefnyddir yn lle un y cysylltiad ei hun, e.e. mewngofnod rhywun arall ar beiriant a rennir.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="56"/>
        <source>Organisation (code)</source>
        <translation>Sefydliad (cod)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="56"/>
        <source>Only when your login acts for several organisations: the code of the one to act for.</source>
        <translation>Dim ond pan fo'ch mewngofnod yn gweithredu ar ran sawl sefydliad: cod yr un i weithredu ar ei ran.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="77"/>
        <source>QGIS&apos;s PostgreSQL provider is not available in this installation.</source>
        <translation>Nid yw darparwr PostgreSQL QGIS ar gael yn y gosodiad hwn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="83"/>
        <source>There is no PostgreSQL connection named {name!r} in QGIS: add it in the Browser (PostgreSQL &gt; New Connection) with an authentication configuration for the password.</source>
        <translation>Nid oes cysylltiad PostgreSQL o'r enw {name!r} yn QGIS: ychwanegwch ef yn y Porwr (PostgreSQL &gt; Cysylltiad Newydd) gyda ffurfweddiad dilysu ar gyfer y cyfrinair.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="115"/>
        <source>Connection {name!r} keeps a password in QGIS&apos;s settings: prefer an authentication configuration (edit the connection, Authentication &gt; Configurations).</source>
        <translation>Mae'r cysylltiad {name!r} yn cadw cyfrinair yng ngosodiadau QGIS: mae'n well defnyddio ffurfweddiad dilysu (golygwch y cysylltiad, Dilysu &gt; Ffurfweddiadau).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="60"/>
        <source>FILTER {f!r} is not a valid QGIS expression: {e}</source>
        <translation>Nid yw FILTER {f!r} yn fynegiad QGIS dilys: {e}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="89"/>
        <source>FILTER {f!r} fails on feature {id}: {e}</source>
        <translation>Mae FILTER {f!r} yn methu ar nodwedd {id}: {e}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="210"/>
        <source>Publisher</source>
        <translation>Cyhoeddwr</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="210"/>
        <source>Licence</source>
        <translation>Trwydded</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="211"/>
        <source>Attribution to give</source>
        <translation>Priodoliad i'w roi</translation>
    </message>
    <message>
        <location filename="../plugin/gui/catalogue_dialog.py" line="211"/>
        <source>Address</source>
        <translation>Cyfeiriad</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="41"/>
        <source>Private: my organisation only</source>
        <translation>Preifat: fy sefydliad i yn unig</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="41"/>
        <source>Shared: every organisation of the register</source>
        <translation>A rennir: pob sefydliad yn y gofrestr</translation>
    </message>
    <message>
        <location filename="../plugin/gui/register_panel.py" line="41"/>
        <source>Public</source>
        <translation>Cyhoeddus</translation>
    </message>
</context>
<context>
    <name>AnalysisAlgorithm</name>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="53"/>
        <source>Excluded permit statuses</source>
        <translation>Statwsau trwydded sydd wedi'u hepgor</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="53"/>
        <source>Comma-separated permit statuses whose works never take part (empty: none).</source>
        <translation>Statwsau trwydded, wedi'u gwahanu gan gomas, nad yw eu gwaith byth yn cymryd rhan (gwag: dim).</translation>
    </message>
</context>
<context>
    <name>BaseAlgorithm</name>
    <message>
        <location filename="../processing_algorithms/base.py" line="30"/>
        <source>Analysis</source>
        <translation>Dadansoddi</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/base.py" line="30"/>
        <source>Import</source>
        <translation>Mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/base.py" line="30"/>
        <source>Report</source>
        <translation>Adroddiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="37"/>
        <source>Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {names}</source>
        <translation>Nid yw'r maes {field!r} ({param}) yn yr haen {layer!r}; ei meysydd yw: {names}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="40"/>
        <source>Field {field!r} ({param}) of layer {layer!r} is {type}; it must be {desc}</source>
        <translation>Mae'r maes {field!r} ({param}) yn yr haen {layer!r} o'r math {type}; rhaid iddo fod yn {desc}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="43"/>
        <source>{layer}: {n} works read ({how})</source>
        <translation>{layer}: darllenwyd {n} o waith ({how})</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="44"/>
        <source>GDAL Arrow stream</source>
        <translation>Ffrwd Arrow GDAL</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="45"/>
        <source>QGIS features</source>
        <translation>Nodweddion QGIS</translation>
    </message>
</context>
<context>
    <name>CatalogueDownload</name>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="46"/>
        <source>Your catalogue could not be downloaded: {e}</source>
        <translation>Methu llwytho eich catalog i lawr: {e}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="72"/>
        <source> A month&apos;s file appears when the publisher publishes it; if {m} should be there, the address may have moved.</source>
        <translation> Mae ffeil mis yn ymddangos pan fydd y cyhoeddwr yn ei chyhoeddi; os dylai {m} fod yno, efallai fod y cyfeiriad wedi symud.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="76"/>
        <source>{label}: the publisher has no file at {url} (not found).{when} Where the address was documented: {doc}. A catalogue of your own (CATALOGUE) can give a new address.</source>
        <translation>{label}: nid oes gan y cyhoeddwr ffeil yn {url} (heb ei chanfod).{when} Lle cafodd y cyfeiriad ei ddogfennu: {doc}. Gall catalog eich hun (CATALOGUE) roi cyfeiriad newydd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="76"/>
        <source>(not recorded)</source>
        <translation>(heb ei gofnodi)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="88"/>
        <source>{label}: the publisher refused the download of {url} ({error}). Some publishers answer programs with a browser check: open the address in a web browser, save the file, and import it with the import for this data. A password is given through AUTHCFG.</source>
        <translation>{label}: gwrthododd y cyhoeddwr lwytho {url} i lawr ({error}). Mae rhai cyhoeddwyr yn ateb rhaglenni gyda gwiriad porwr: agorwch y cyfeiriad mewn porwr gwe, cadwch y ffeil, a mewnforiwch hi gyda'r mewnforio ar gyfer y data hyn. Rhoddir cyfrinair drwy AUTHCFG.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="95"/>
        <source>{label}: {error}</source>
        <translation>{label}: {error}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="98"/>
        <source>Downloading {label} from {url}</source>
        <translation>Yn llwytho {label} i lawr o {url}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="140"/>
        <source>Cancelled during the download: the store is unchanged</source>
        <translation>Wedi'i ganslo yn ystod y llwytho i lawr: nid yw'r storfa wedi newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="114"/>
        <source>{p}: {w}</source>
        <translation>{p}: {w}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="114"/>
        <source>downloaded</source>
        <translation>wedi'i lwytho i lawr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="114"/>
        <source>cached copy, unchanged</source>
        <translation>copi wedi'i storio, heb ei newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="120"/>
        <source>{label}: {url} answered with a web page, not the {fmt} file (a browser check, a sign-in or a page the file moved from). Open the address in a web browser, save the file, and import it with the import for this data; or give the new address in a catalogue of your own (CATALOGUE).</source>
        <translation>{label}: atebodd {url} gyda thudalen we, nid y ffeil {fmt} (gwiriad porwr, mewngofnodi neu dudalen y symudodd y ffeil ohoni). Agorwch y cyfeiriad mewn porwr gwe, cadwch y ffeil, a mewnforiwch hi gyda'r mewnforio ar gyfer y data hyn; neu rhowch y cyfeiriad newydd mewn catalog eich hun (CATALOGUE).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="154"/>
        <source>Stopped after {n} pages</source>
        <translation>Wedi stopio ar ôl {n} tudalen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="156"/>
        <source>{label}: the publisher lists no entities for this choice ({url})</source>
        <translation>{label}: nid yw'r cyhoeddwr yn rhestru unrhyw endidau ar gyfer y dewis hwn ({url})</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="171"/>
        <source>{label}: the import {alg} is not available</source>
        <translation>{label}: nid yw'r mewnforio {alg} ar gael</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="181"/>
        <source>Importing with {alg}</source>
        <translation>Yn mewnforio gyda {alg}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="188"/>
        <source>{label}: the import&apos;s parameters were refused: {m}</source>
        <translation>{label}: gwrthodwyd paramedrau'r mewnforio: {m}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_catalogue_download.py" line="207"/>
        <source>{label}: the import failed</source>
        <translation>{label}: methodd y mewnforio</translation>
    </message>
</context>
<context>
    <name>CheckRestrictions</name>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="40"/>
        <source>Check Section 58 restrictions</source>
        <translation>Gwirio cyfyngiadau Adran 58</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="81"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="81"/>
        <source>Planned works: the store&apos;s works layer, or any layer with the mapped fields.</source>
        <translation>Gwaith arfaethedig: haen gwaith y storfa, neu unrhyw haen gyda'r meysydd wedi'u mapio.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="86"/>
        <source>Section 58 restrictions</source>
        <translation>Cyfyngiadau Adran 58</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="86"/>
        <source>The store&apos;s restrictions layer, or any layer with reference, status, start and end fields.</source>
        <translation>Haen cyfyngiadau'r storfa, neu unrhyw haen gyda meysydd cyfeirnod, statws, dechrau a diwedd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="94"/>
        <source>Distance (m)</source>
        <translation>Pellter (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="94"/>
        <source>Works within this many metres of a restricted extent are checked (0 = touching).</source>
        <translation>Caiff gwaith o fewn y nifer hwn o fetrau i ardal gyfyngedig ei wirio (0 = yn cyffwrdd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="98"/>
        <source>Also match on USRN</source>
        <translation>Paru ar USRN hefyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="98"/>
        <source>Works on the same USRN as a restriction are checked whatever the distance.</source>
        <translation>Caiff gwaith ar yr un USRN â chyfyngiad ei wirio beth bynnag fo'r pellter.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="102"/>
        <source>Exempt categories and activity types</source>
        <translation>Categorïau a mathau o weithgaredd sydd wedi'u heithrio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="102"/>
        <source>Comma-separated category or activity type codes whose works are exempt (empty: none).</source>
        <translation>Codau categori neu fath o weithgaredd, wedi'u gwahanu gan gomas, y mae eu gwaith wedi'i eithrio (gwag: dim).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="111"/>
        <source>Notice period (days)</source>
        <translation>Cyfnod rhybudd (diwrnodau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="111"/>
        <source>Days before a proposed restriction starts in which works should dig first (0 = off).</source>
        <translation>Diwrnodau cyn i gyfyngiad arfaethedig ddechrau pan ddylai gwaith gloddio yn gyntaf (0 = i ffwrdd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="117"/>
        <source>Ends-soon period (days)</source>
        <translation>Cyfnod dod i ben yn fuan (diwrnodau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="117"/>
        <source>Works starting within this many days after a restriction ends are listed (0 = off).</source>
        <translation>Caiff gwaith sy'n dechrau o fewn y nifer hwn o ddiwrnodau ar ôl i gyfyngiad ddod i ben ei restru (0 = i ffwrdd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="124"/>
        <source>Field of the {layer} layer (default {default}).</source>
        <translation>Maes yr haen {layer} (rhagosodiad {default}).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="125"/>
        <source>Restriction findings</source>
        <translation>Canfyddiadau cyfyngiadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="125"/>
        <source>One row per finding, with both references, dates, days of overlap and the finding.</source>
        <translation>Un rhes ar gyfer pob canfyddiad, gyda'r ddau gyfeirnod, y dyddiadau, y diwrnodau o orgyffwrdd a'r canfyddiad.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="140"/>
        <source>Unusable works and restrictions</source>
        <translation>Gwaith a chyfyngiadau anaddas</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="169"/>
        <source>USRN_MATCH is on but a USRN field is missing: matching on geometry only.</source>
        <translation>Mae USRN_MATCH ymlaen ond mae maes USRN ar goll: paru ar geometreg yn unig.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="194"/>
        <source>{w} works and {r} restrictions read; {p} related pairs; {n} cancelled/closed ignored</source>
        <translation>Darllenwyd {w} o waith a {r} o gyfyngiadau; {p} pâr cysylltiedig; anwybyddwyd {n} a gafodd eu canslo/cau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="200"/>
        <source>{n} works left out for their permit status</source>
        <translation>{n} o waith wedi'u hepgor oherwydd statws eu trwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="81"/>
        <source>Findings mix points, lines and polygons: {n} points/lines widened by 1 m</source>
        <translation>Mae'r canfyddiadau'n cymysgu pwyntiau, llinellau a pholygonau: lledwyd {n} pwynt/llinell 1 m</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="140"/>
        <source>Findings</source>
        <translation>Canfyddiadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="140"/>
        <source>dig_before_resurfacing findings</source>
        <translation>Canfyddiadau dig_before_resurfacing</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="140"/>
        <source>blocked findings</source>
        <translation>Canfyddiadau blocked</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="140"/>
        <source>exempt findings</source>
        <translation>Canfyddiadau exempt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="140"/>
        <source>ends_soon findings</source>
        <translation>Canfyddiadau ends_soon</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="140"/>
        <source>Cancelled or closed restrictions (ignored)</source>
        <translation>Cyfyngiadau wedi'u canslo neu eu cau (wedi'u hanwybyddu)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="34"/>
        <source>Works reference field</source>
        <translation>Maes cyfeirnod y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="35"/>
        <source>Promoter field</source>
        <translation>Maes yr hyrwyddwr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="36"/>
        <source>Work category field</source>
        <translation>Maes categori'r gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="37"/>
        <source>Activity type field</source>
        <translation>Maes y math o weithgaredd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="38"/>
        <source>Works start date field</source>
        <translation>Maes dyddiad dechrau'r gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="39"/>
        <source>Works end date field</source>
        <translation>Maes dyddiad gorffen y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="40"/>
        <source>Works permit status field</source>
        <translation>Maes statws trwydded y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="41"/>
        <source>Works USRN field</source>
        <translation>Maes USRN y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="42"/>
        <source>Restriction reference field</source>
        <translation>Maes cyfeirnod y cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="43"/>
        <source>Restriction status field</source>
        <translation>Maes statws y cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="44"/>
        <source>Restriction start date field</source>
        <translation>Maes dyddiad dechrau'r cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="45"/>
        <source>Restriction end date field</source>
        <translation>Maes dyddiad gorffen y cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="46"/>
        <source>Restriction USRN field</source>
        <translation>Maes USRN y cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="43"/>
        <source>Use this before you apply for a permit. A Section 58 restriction bans digging a street for up to five years after it is resurfaced. For each of your works it tells you whether the street is blocked, whether you should dig before the resurfacing starts (dig now or wait years), whether your works are exempt, or whether the ban ends soon. One finding per works and restriction.

&lt;b&gt;The exact rules&lt;/b&gt;

All periods are closed intervals of calendar days; days of overlap = days in the intersection. Works window W = [start, end]; restriction R = [start_date, end_date]; notice period N = [start_date - NOTICE_DAYS, start_date - 1] (default 91 days, about three months); after-end period A = [end_date + 1, end_date + ENDS_SOON_DAYS].

A works and a restriction are related when their distance is at most DISTANCE metres (inclusive; default 0 = the works touch or cross the restricted extent) or, with USRN_MATCH, when both carry the same USRN.

Status: proposed and in_force restrictions are checked; cancelled and closed ones never produce findings; any other status, a missing status or missing/reversed dates make a restriction unusable (listed with the reason).

One finding per related pair, the first that applies:
1. blocked: W overlaps R and the works are not exempt (for a proposed restriction: it starts on or before the works end and has not ended before they start). exempt: the same for exempt works (listed, not flagged). Days = |W ∩ R|.
2. dig_before_resurfacing: the restriction is proposed and W overlaps N: the last chance to dig before resurfacing. Days = |W ∩ N|. The day before N gives nothing.
3. ends_soon: W overlaps A (the works start within ENDS_SOON_DAYS after the restriction ends): wait and dig once. Days = |W ∩ A|.

Exempt: works whose category or activity type is in EXEMPT_CATEGORIES (default immediate_urgent, immediate_emergency: urgent and emergency works; new_service_connection: new customer connections). Minor works that do not break the surface are exempt in law, but the data cannot tell, so they are not in the default list.

Works whose permit status is in EXCLUDED_STATUSES never take part. Works without a usable geometry or window are listed in the unusable output.

Output geometry: the part of the works inside the restricted extent (same geometry type as the works), or the whole works when they only touch it, are within DISTANCE or share the USRN. When the findings mix points, lines and polygons, points and lines are widened by 1 m into polygons so the layer has one geometry type (said in the log).</source>
        <translation>Defnyddiwch hwn cyn i chi wneud cais am drwydded. Mae cyfyngiad Adran 58 yn gwahardd cloddio stryd am hyd at bum mlynedd ar ôl iddi gael ei hailwynebu. Ar gyfer pob un o'ch gwaith mae'n dweud wrthych a yw'r stryd wedi'i rhwystro, a ddylech gloddio cyn i'r ailwynebu ddechrau (cloddio nawr neu aros am flynyddoedd), a yw eich gwaith wedi'i eithrio, neu a yw'r gwaharddiad yn dod i ben yn fuan. Un canfyddiad ar gyfer pob gwaith a chyfyngiad.

&lt;b&gt;Y rheolau manwl&lt;/b&gt;

Mae pob cyfnod yn gyfwng caeedig o ddiwrnodau calendr; diwrnodau o orgyffwrdd = y diwrnodau yn y croestoriad. Ffenestr y gwaith W = [start, end]; cyfyngiad R = [start_date, end_date]; cyfnod rhybudd N = [start_date - NOTICE_DAYS, start_date - 1] (rhagosodiad 91 diwrnod, tua thri mis); cyfnod ar ôl y diwedd A = [end_date + 1, end_date + ENDS_SOON_DAYS].

Mae gwaith a chyfyngiad yn perthyn i'w gilydd pan fo'r pellter rhyngddynt yn DISTANCE metr ar y mwyaf (yn gynhwysol; rhagosodiad 0 = mae'r gwaith yn cyffwrdd â'r ardal gyfyngedig neu'n ei chroesi) neu, gydag USRN_MATCH, pan fo gan y ddau yr un USRN.

Statws: caiff cyfyngiadau proposed ac in_force eu gwirio; nid yw rhai cancelled a closed byth yn rhoi canfyddiadau; mae unrhyw statws arall, statws coll neu ddyddiadau coll/o chwith yn gwneud cyfyngiad yn anaddas (wedi'i restru gyda'r rheswm).

Un canfyddiad ar gyfer pob pâr cysylltiedig, y cyntaf sy'n berthnasol:
1. blocked: mae W yn gorgyffwrdd â R ac nid yw'r gwaith wedi'i eithrio (ar gyfer cyfyngiad arfaethedig: mae'n dechrau ar ddiwrnod diwedd y gwaith neu cyn hynny ac nid yw wedi dod i ben cyn i'r gwaith ddechrau). exempt: yr un peth ar gyfer gwaith sydd wedi'i eithrio (wedi'i restru, heb ei nodi'n broblem). Diwrnodau = |W ∩ R|.
2. dig_before_resurfacing: mae'r cyfyngiad yn un arfaethedig ac mae W yn gorgyffwrdd ag N: y cyfle olaf i gloddio cyn ailwynebu. Diwrnodau = |W ∩ N|. Nid yw'r diwrnod cyn N yn rhoi dim.
3. ends_soon: mae W yn gorgyffwrdd ag A (mae'r gwaith yn dechrau o fewn ENDS_SOON_DAYS ar ôl i'r cyfyngiad ddod i ben): arhoswch a chloddio unwaith. Diwrnodau = |W ∩ A|.

Wedi'i eithrio: gwaith y mae ei gategori neu ei fath o weithgaredd yn EXEMPT_CATEGORIES (rhagosodiad immediate_urgent, immediate_emergency: gwaith brys ac argyfwng; new_service_connection: cysylltiadau newydd i gwsmeriaid). Mae mân waith nad yw'n torri'r wyneb wedi'i eithrio yn ôl y gyfraith, ond ni all y data ddangos hynny, felly nid yw yn y rhestr ragosodedig.

Nid yw gwaith y mae statws ei drwydded yn EXCLUDED_STATUSES byth yn cymryd rhan. Caiff gwaith heb geometreg neu ffenestr y gellir eu defnyddio ei restru yn yr allbwn anaddas.

Geometreg yr allbwn: y rhan o'r gwaith sydd y tu mewn i'r ardal gyfyngedig (yr un math o geometreg â'r gwaith), neu'r gwaith cyfan pan fo ond yn cyffwrdd â hi, o fewn DISTANCE neu'n rhannu'r USRN. Pan fo'r canfyddiadau'n cymysgu pwyntiau, llinellau a pholygonau, caiff pwyntiau a llinellau eu lledu 1 m yn bolygonau fel bod gan yr haen un math o geometreg (nodir hyn yn y log).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="130"/>
        <source>Works and restrictions that could not be checked, with the reason. Optional: when not asked for, their count and the first reasons are in the log.</source>
        <translation>Gwaith a chyfyngiadau nad oedd modd eu gwirio, gyda'r rheswm. Dewisol: pan na ofynnir amdano, mae eu nifer a'r rhesymau cyntaf yn y log.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_restriction_layers.py" line="84"/>
        <source>{n} works and restrictions could not be checked, e.g. {examples}</source>
        <translation>Nid oedd modd gwirio {n} o waith a chyfyngiadau, e.e. {examples}</translation>
    </message>
</context>
<context>
    <name>ClashAlgorithm</name>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="98"/>
        <source>Distance (m)</source>
        <translation>Pellter (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="98"/>
        <source>Works whose geometries are at most this many metres apart are near (inclusive).</source>
        <translation>Mae gwaith y mae ei geometregau ar y mwyaf y nifer hwn o fetrau oddi wrth ei gilydd yn agos (yn gynhwysol).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="110"/>
        <source>Largest gap for an opportunity (days)</source>
        <translation>Bwlch mwyaf ar gyfer cyfle (diwrnodau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="110"/>
        <source>Near works whose windows are at most this many days apart are a dig-once opportunity.</source>
        <translation>Mae gwaith agos y mae ei ffenestri ar y mwyaf y nifer hwn o ddiwrnodau ar wahân yn gyfle i gloddio unwaith.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="121"/>
        <source>Works on the same street (USRN) are near</source>
        <translation>Mae gwaith ar yr un stryd (USRN) yn agos</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="121"/>
        <source>Works with the same non-empty USRN are near whatever the distance.</source>
        <translation>Mae gwaith gyda'r un USRN nad yw'n wag yn agos beth bynnag fo'r pellter.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="127"/>
        <source>Include pairs with the same owner</source>
        <translation>Cynnwys parau gyda'r un perchennog</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_analysis.py" line="127"/>
        <source>Keep pairs of works by the same promoter (left out by default).</source>
        <translation>Cadw parau o waith gan yr un hyrwyddwr (wedi'u hepgor yn ddiofyn).</translation>
    </message>
</context>
<context>
    <name>CompareRuns</name>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="37"/>
        <source>Compare two overlap runs</source>
        <translation>Cymharu dau rediad gorgyffwrdd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="67"/>
        <source>Current pairs</source>
        <translation>Parau cyfredol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="67"/>
        <source>The pairs output of this run of &apos;Find works overlaps&apos;.</source>
        <translation>Allbwn parau'r rhediad hwn o 'Find works overlaps'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="72"/>
        <source>Previous pairs</source>
        <translation>Parau blaenorol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="72"/>
        <source>The pairs output of the run to compare with (e.g. last month).</source>
        <translation>Allbwn parau'r rhediad i'w gymharu ag ef (e.e. y mis diwethaf).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="77"/>
        <source>Current groups</source>
        <translation>Grwpiau cyfredol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="77"/>
        <source>Optional groups output of this run: its hulls become the group geometries.</source>
        <translation>Allbwn grwpiau dewisol y rhediad hwn: ei amlinellau yw geometreg y grwpiau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="77"/>
        <source>Previous groups</source>
        <translation>Grwpiau blaenorol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="77"/>
        <source>Optional groups output of the previous run (geometry of gone groups).</source>
        <translation>Allbwn grwpiau dewisol y rhediad blaenorol (geometreg y grwpiau sydd wedi mynd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="91"/>
        <source>Match works on work reference</source>
        <translation>Paru gwaith ar gyfeirnod y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="91"/>
        <source>Match a re-issued permit (same work reference, new -NN suffix) to its predecessor.</source>
        <translation>Paru trwydded a ailgyhoeddwyd (yr un cyfeirnod gwaith, ôl-ddodiad -NN newydd) â'i rhagflaenydd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="98"/>
        <source>List unchanged pairs</source>
        <translation>Rhestru parau heb newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="98"/>
        <source>Also write unchanged pairs to the output (they are always counted).</source>
        <translation>Ysgrifennu parau heb newid i'r allbwn hefyd (maen nhw bob amser yn cael eu cyfrif).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="103"/>
        <source>Compare runs made with different parameters</source>
        <translation>Cymharu rhediadau a wnaed gyda pharamedrau gwahanol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="103"/>
        <source>Compare even when the two runs were made with different analysis parameters.</source>
        <translation>Cymharu hyd yn oed pan wnaed y ddau rediad gyda pharamedrau dadansoddi gwahanol.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="109"/>
        <source>Pair changes</source>
        <translation>Newidiadau i barau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="109"/>
        <source>New, resolved and changed pairs (and unchanged ones if asked).</source>
        <translation>Parau newydd, wedi'u datrys ac wedi newid (a rhai heb newid os gofynnir).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="114"/>
        <source>Group changes</source>
        <translation>Newidiadau i grwpiau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_pair_layers.py" line="30"/>
        <source>Layer {layer!r} ({param}) is not a pairs output: field(s) {fields} missing</source>
        <translation>Nid yw'r haen {layer!r} ({param}) yn allbwn parau: maes/meysydd {fields} ar goll</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_pair_layers.py" line="33"/>
        <source>Layer {layer!r} ({param}) has no group_id field</source>
        <translation>Nid oes gan yr haen {layer!r} ({param}) faes group_id</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_pair_layers.py" line="34"/>
        <source>No run parameters are stamped in {layer}: cannot check that the runs are comparable</source>
        <translation>Nid oes paramedrau rhediad wedi'u stampio yn {layer}: methu gwirio bod modd cymharu'r rhediadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="155"/>
        <source>The two runs were made with different parameters: {listing}. Their pairs are not comparable; set FORCE to compare anyway.</source>
        <translation>Gwnaed y ddau rediad gyda pharamedrau gwahanol: {listing}. Nid oes modd cymharu eu parau; gosodwch FORCE i'w cymharu beth bynnag.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="161"/>
        <source>FORCE: comparing runs made with different parameters: {listing}</source>
        <translation>FORCE: yn cymharu rhediadau a wnaed gyda pharamedrau gwahanol: {listing}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="218"/>
        <source>{layer}: no work_ref_a/work_ref_b fields: work references derived from the ids by stripping a trailing -NN permit suffix</source>
        <translation>{layer}: dim meysydd work_ref_a/work_ref_b: cyfeirnodau gwaith wedi'u deillio o'r idau drwy dynnu'r ôl-ddodiad trwydded -NN ar y diwedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="225"/>
        <source>{layer}: works matched on work_ref_a/work_ref_b</source>
        <translation>{layer}: gwaith wedi'i baru ar work_ref_a/work_ref_b</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="229"/>
        <source>{layer}: {n} work references shared by several ids, matched on the id: {refs}</source>
        <translation>{layer}: {n} cyfeirnod gwaith a rennir gan sawl id, wedi'u paru ar yr id: {refs}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="235"/>
        <source>Same work, new id: {a} -&gt; {b}</source>
        <translation>Yr un gwaith, id newydd: {a} -&gt; {b}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="237"/>
        <source>… and {n} more</source>
        <translation>… a {n} arall</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>New pairs</source>
        <translation>Parau newydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Resolved pairs</source>
        <translation>Parau wedi'u datrys</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Changed pairs</source>
        <translation>Parau wedi newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Unchanged pairs</source>
        <translation>Parau heb newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>New groups</source>
        <translation>Grwpiau newydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Gone groups</source>
        <translation>Grwpiau wedi mynd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Grown groups</source>
        <translation>Grwpiau wedi tyfu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Shrunk groups</source>
        <translation>Grwpiau wedi crebachu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Reshaped groups</source>
        <translation>Grwpiau wedi newid siâp</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Unchanged groups</source>
        <translation>Grwpiau heb newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Works matched on work reference with a new id</source>
        <translation>Gwaith wedi'i baru ar gyfeirnod y gwaith gydag id newydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="124"/>
        <source>Analysis parameters that differ between the runs</source>
        <translation>Paramedrau dadansoddi sy'n wahanol rhwng y rhediadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="40"/>
        <source>Use this every month. It tells you what changed since last month's run: new clashes and opportunities, resolved ones, changed dates, and how each coordination group grew, shrank, split or merged.

&lt;b&gt;The exact rules&lt;/b&gt;

Compares this month's pairs output of 'Find works overlaps' with a previous one.

Works are matched across runs on their work reference: the work_ref_a/work_ref_b fields when the pairs carry them, otherwise derived from the id by stripping a trailing '-NN' (hyphen and two digits: Street Manager's permit suffix), so a re-issued permit (…-01 → …-02) is the same work (said in the log). A work reference shared by several ids of one run is ambiguous and those ids are matched on the id itself.

Pairs are keyed on the unordered pair of works: new (only in this run), resolved (only in the previous run), changed (kind, gap_days or overlap_days differ, or, when both runs carry start_a/end_a/start_b/end_b, any work's dates), unchanged (listed only with INCLUDE_UNCHANGED). Distance and owners are reported, not compared.

Groups (the works of the pairs with each group_id) are matched by shared works: each current group is matched to the previous group sharing the most works with it (ties: the smallest previous group_id) and is unchanged, grown (only new works), shrunk (only works gone) or reshaped (both); new when it shares no work with any previous group. A previous group sharing no work with any current group is gone. prev_group_ids lists every previous group a current group shares works with (several: a merge).

The two runs must have been made with the same analysis parameters (read from the parameters stamped in each output; input and output paths are not compared): otherwise the algorithm stops and lists the differing parameters, unless FORCE is set.</source>
        <translation>Defnyddiwch hwn bob mis. Mae'n dweud wrthych beth sydd wedi newid ers rhediad y mis diwethaf: achosion newydd o wrthdaro a chyfleoedd newydd, rhai sydd wedi'u datrys, dyddiadau sydd wedi newid, a sut y mae pob grŵp cydlynu wedi tyfu, crebachu, hollti neu uno.

&lt;b&gt;Y rheolau manwl&lt;/b&gt;

Yn cymharu allbwn parau 'Find works overlaps' y mis hwn ag un blaenorol.

Caiff gwaith ei baru ar draws rhediadau ar sail cyfeirnod y gwaith: y meysydd work_ref_a/work_ref_b pan fo'r parau'n eu cynnwys, fel arall wedi'i ddeillio o'r id drwy dynnu '-NN' ar y diwedd (cysylltnod a dau ddigid: ôl-ddodiad trwydded Street Manager), fel bod trwydded a ailgyhoeddwyd (…-01 → …-02) yr un gwaith (nodir hyn yn y log). Mae cyfeirnod gwaith a rennir gan sawl id mewn un rhediad yn amwys, a chaiff yr idau hynny eu paru ar yr id ei hun.

Caiff parau eu hadnabod yn ôl y pâr diwahaniaeth o waith: new (yn y rhediad hwn yn unig), resolved (yn y rhediad blaenorol yn unig), changed (mae kind, gap_days neu overlap_days yn wahanol, neu, pan fo'r ddau rediad yn cynnwys start_a/end_a/start_b/end_b, dyddiadau unrhyw waith), unchanged (wedi'u rhestru gydag INCLUDE_UNCHANGED yn unig). Caiff y pellter a'r perchnogion eu hadrodd, nid eu cymharu.

Caiff grwpiau (gwaith y parau gyda phob group_id) eu paru yn ôl y gwaith a rennir: caiff pob grŵp cyfredol ei baru â'r grŵp blaenorol sy'n rhannu'r nifer mwyaf o waith ag ef (os yn gyfartal: y group_id blaenorol lleiaf) ac mae'n unchanged, grown (gwaith newydd yn unig), shrunk (gwaith wedi mynd yn unig) neu reshaped (y ddau); new pan nad yw'n rhannu unrhyw waith ag unrhyw grŵp blaenorol. Mae grŵp blaenorol nad yw'n rhannu unrhyw waith ag unrhyw grŵp cyfredol yn gone. Mae prev_group_ids yn rhestru pob grŵp blaenorol y mae grŵp cyfredol yn rhannu gwaith ag ef (sawl un: cyfuniad).

Rhaid bod y ddau rediad wedi'u gwneud gyda'r un paramedrau dadansoddi (wedi'u darllen o'r paramedrau a stampiwyd ym mhob allbwn; ni chaiff llwybrau mewnbwn ac allbwn eu cymharu): fel arall mae'r algorithm yn stopio ac yn rhestru'r paramedrau sy'n wahanol, oni bai bod FORCE wedi'i osod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="114"/>
        <source>One row per current group and per gone previous group. Optional: leave it out when only the pairs matter.</source>
        <translation>Un rhes ar gyfer pob grŵp cyfredol a phob grŵp blaenorol sydd wedi mynd. Dewisol: gadewch ef allan pan mai dim ond y parau sy'n bwysig.</translation>
    </message>
</context>
<context>
    <name>ConnectivityImport</name>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="65"/>
        <source>Input file or http(s) URL</source>
        <translation>Ffeil fewnbwn neu URL http(s)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="81"/>
        <source>Imported layer</source>
        <translation>Haen wedi'i mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="88"/>
        <source>Records imported</source>
        <translation>Cofnodion wedi'u mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="108"/>
        <source>No input file or URL given</source>
        <translation>Ni roddwyd ffeil fewnbwn nac URL</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="165"/>
        <source>Cancelled: the store is unchanged</source>
        <translation>Wedi'i ganslo: nid yw'r storfa wedi newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="181"/>
        <source>{n} records imported into {t}, {r} rejected (import {i})</source>
        <translation>{n} o gofnodion wedi'u mewnforio i {t}, {r} wedi'u gwrthod (mewnforio {i})</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="68"/>
        <source>Replace even if much smaller</source>
        <translation>Disodli hyd yn oed os yw'n llawer llai</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="68"/>
        <source>A file normally replaces what the earlier import of the same data put in the store. When it would leave fewer than half of those records (an empty, cut or wrong file), the import stops and the store is unchanged. Tick this when the smaller file is right and should replace the earlier data.</source>
        <translation>Fel arfer mae ffeil yn disodli'r hyn a roddodd mewnforio blaenorol o'r un data yn y storfa. Pan fyddai'n gadael llai na hanner y cofnodion hynny (ffeil wag, wedi'i thorri neu'r ffeil anghywir), mae'r mewnforio'n stopio ac nid yw'r storfa'n newid. Ticiwch hwn pan fo'r ffeil lai yn gywir ac y dylai ddisodli'r data blaenorol.</translation>
    </message>
</context>
<context>
    <name>CoverageAlgorithm</name>
    <message>
        <location filename="../processing_algorithms/_coverage_analysis.py" line="38"/>
        <source>Not-spots</source>
        <translation>Mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_coverage_analysis.py" line="38"/>
        <source>Postcode points or area polygons from &apos;Import Ofcom coverage&apos;.</source>
        <translation>Pwyntiau cod post neu bolygonau ardal o 'Import Ofcom coverage'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_coverage_analysis.py" line="46"/>
        <source>Not-spot flag field</source>
        <translation>Maes baner man digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_coverage_analysis.py" line="46"/>
        <source>Boolean field of the not-spot layer: true where the place is a not-spot.</source>
        <translation>Maes Boole yr haen mannau digyswllt: true lle mae'r man yn fan digyswllt.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_coverage_analysis.py" line="57"/>
        <source>Full-fibre spine</source>
        <translation>Asgwrn cefn ffeibr llawn</translation>
    </message>
</context>
<context>
    <name>CreateRegister</name>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="129"/>
        <source>Create or upgrade the shared register</source>
        <translation>Creu neu uwchraddio'r gofrestr a rennir</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="132"/>
        <source>For the register&apos;s administrator. Creates the Dig Once shared register in an existing PostgreSQL database with PostGIS, or upgrades it to this plugin&apos;s version, and adds organisations and their members. Run it again at any time: it changes only what is missing.

What it makes: a schema digonce with the works and plans of every organisation, a publication log and the organisations with a contact; one group role per organisation (digonce_org_&lt;code&gt;); row-level security on every table, so that each organisation reads and writes its own rows, reads the rows others published as shared or public, and can never change another&apos;s; and the blind-matching function, which tells an organisation that one of its plans meets a private plan of another, and with whom to talk, without showing that plan.

The administrator needs CREATEROLE and the right to create schemas in the database (or is a superuser); PostGIS must be installed on the server. People log in with their own role, made a member of their organisation&apos;s.

ORGANISATIONS: one per line, fields separated by |: code | name | contact | logins (comma-separated). The code is 1 to 40 lower-case letters, digits or _. Example:
thames_water | Thames Water | streetworks@example.org | jsmith, apatel

Versions: the register records each migration applied (digonce.schema_version). A register newer than this plugin, or whose applied migrations differ from the ones shipped, is left untouched and said so.</source>
        <translation>Ar gyfer gweinyddwr y gofrestr. Mae'n creu cofrestr a rennir Dig Once mewn cronfa ddata PostgreSQL bresennol gyda PostGIS, neu'n ei huwchraddio i fersiwn yr ategyn hwn, ac yn ychwanegu sefydliadau a'u haelodau. Gallwch ei redeg eto unrhyw bryd: dim ond yr hyn sydd ar goll y mae'n ei newid.

Beth mae'n ei greu: sgema digonce gyda gwaith a chynlluniau pob sefydliad, log cyhoeddi a'r sefydliadau gyda chyswllt; un rôl grŵp ar gyfer pob sefydliad (digonce_org_&lt;code&gt;); diogelwch ar lefel rhes ar bob tabl, fel bod pob sefydliad yn darllen ac yn ysgrifennu ei resi ei hun, yn darllen y rhesi a gyhoeddodd eraill fel rhai a rennir neu gyhoeddus, a byth yn gallu newid rhesi sefydliad arall; a'r swyddogaeth paru dall, sy'n dweud wrth sefydliad fod un o'i gynlluniau'n cyfarfod â chynllun preifat sefydliad arall, a gyda phwy i siarad, heb ddangos y cynllun hwnnw.

Mae angen CREATEROLE ar y gweinyddwr a'r hawl i greu sgemâu yn y gronfa ddata (neu rhaid iddo fod yn uwchddefnyddiwr); rhaid i PostGIS fod wedi'i osod ar y gweinydd. Mae pobl yn mewngofnodi gyda'u rôl eu hunain, sy'n cael ei gwneud yn aelod o rôl eu sefydliad.

ORGANISATIONS: un ar bob llinell, meysydd wedi'u gwahanu gan |: cod | enw | cyswllt | mewngofnodion (wedi'u gwahanu gan gomas). Mae'r cod yn 1 i 40 o lythrennau bach, digidau neu _. Enghraifft:
thames_water | Thames Water | streetworks@example.org | jsmith, apatel

Fersiynau: mae'r gofrestr yn cofnodi pob cam mudo a gymhwyswyd (digonce.schema_version). Caiff cofrestr sy'n fwy newydd na'r ategyn hwn, neu y mae ei chamau mudo a gymhwyswyd yn wahanol i'r rhai a ddaw gyda'r ategyn, ei gadael heb ei chyffwrdd, a dywedir hynny.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="155"/>
        <source>Organisations to add</source>
        <translation>Sefydliadau i'w hychwanegu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="155"/>
        <source>One per line: code | name | contact | logins (comma-separated). Empty: none.</source>
        <translation>Un ar bob llinell: cod | enw | cyswllt | mewngofnodion (wedi'u gwahanu gan gomas). Gwag: dim.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="161"/>
        <source>Register version</source>
        <translation>Fersiwn y gofrestr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="161"/>
        <source>Migrations applied</source>
        <translation>Camau mudo a gymhwyswyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="161"/>
        <source>Organisations added or updated</source>
        <translation>Sefydliadau a ychwanegwyd neu a ddiweddarwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="168"/>
        <source>Organisation roles</source>
        <translation>Rolau'r sefydliadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="177"/>
        <source>ORGANISATIONS line {n}: write code | name | contact | logins, not {line!r}</source>
        <translation>ORGANISATIONS llinell {n}: ysgrifennwch cod | enw | cyswllt | mewngofnodion, nid {line!r}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="199"/>
        <source>Migration {v:03d} applied</source>
        <translation>Cam mudo {v:03d} wedi'i gymhwyso</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="201"/>
        <source>The register is already at version {v}</source>
        <translation>Mae'r gofrestr eisoes ar fersiwn {v}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/create_register.py" line="209"/>
        <source>Organisation {code}: role {role}, members: {logins}</source>
        <translation>Sefydliad {code}: rôl {role}, aelodau: {logins}</translation>
    </message>
</context>
<context>
    <name>ExportForMeeting</name>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="41"/>
        <source>Export for the coordination meeting (CSV, XLSX, report)</source>
        <translation>Allforio ar gyfer y cyfarfod cydlynu (CSV, XLSX, adroddiad)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="44"/>
        <source>Writes one folder for the coordination meeting that colleagues without QGIS can open: the report (HTML), and the coordination groups, the works of each group, the pairs and the run&apos;s parameters, each as a CSV file and together as one Excel workbook (a sheet each).

Give the pairs and groups of &apos;Find works overlaps&apos; and the works layer they were found in. Names say what and when: the folder and files are called PERIOD_NAME_... (e.g. 2026-04_camden_groups.xlsx, 2026-04_camden_works.csv). PERIOD defaults to the month most groups start in; NAME to the borough holding most groups (its name, in lower case), or london when no borough holds more than half of them.

Groups are ranked as in the report (most days of disruption avoided first) and carry the same benefit figures, computed with the same parameters and optional inputs (premises or postcode household counts, lane-rental streets, NaPTAN bus stops; see the report&apos;s help for the rules). Not computed figures are empty, never zero. The parameters sheet holds this run&apos;s parameters, the optional inputs given and the parameters stamped in the pairs and groups (the overlaps run: algorithm, time). The workbook is written by GDAL&apos;s XLSX driver; CSV files are UTF-8 with a byte-order mark, dates as YYYY-MM-DD, easting and northing in EPSG:27700 (the centre of a group or works).</source>
        <translation>Yn ysgrifennu un ffolder ar gyfer y cyfarfod cydlynu y gall cydweithwyr heb QGIS ei agor: yr adroddiad (HTML), a'r grwpiau cydlynu, gwaith pob grŵp, y parau a pharamedrau'r rhediad, pob un fel ffeil CSV a gyda'i gilydd fel un llyfr gwaith Excel (dalen i bob un).

Rhowch barau a grwpiau 'Find works overlaps' a'r haen gwaith y cawsant eu canfod ynddi. Mae'r enwau'n dweud beth a phryd: PERIOD_NAME_... yw enw'r ffolder a'r ffeiliau (e.e. 2026-04_camden_groups.xlsx, 2026-04_camden_works.csv). Y rhagosodiad ar gyfer PERIOD yw'r mis y mae'r nifer mwyaf o grwpiau'n dechrau ynddo; ar gyfer NAME y fwrdeistref sydd â'r nifer mwyaf o grwpiau (ei henw, mewn llythrennau bach), neu london pan nad oes bwrdeistref â mwy na hanner ohonynt.

Caiff y grwpiau eu trefnu fel yn yr adroddiad (y mwyaf o ddiwrnodau o darfu a osgowyd yn gyntaf) ac mae ganddynt yr un ffigurau manteision, wedi'u cyfrifo gyda'r un paramedrau a mewnbynnau dewisol (eiddo neu nifer yr aelwydydd fesul cod post, strydoedd rhentu lonydd, arosfannau bysiau NaPTAN; gweler cymorth yr adroddiad am y rheolau). Mae ffigurau na chawsant eu cyfrifo yn wag, byth yn sero. Mae'r ddalen paramedrau'n cynnwys paramedrau'r rhediad hwn, y mewnbynnau dewisol a roddwyd a'r paramedrau a stampiwyd yn y parau a'r grwpiau (rhediad y gorgyffwrdd: algorithm, amser). Caiff y llyfr gwaith ei ysgrifennu gan yrrwr XLSX GDAL; mae'r ffeiliau CSV yn UTF-8 gyda nod trefn beitiau, dyddiadau fel YYYY-MM-DD, easting a northing yn EPSG:27700 (canol grŵp neu waith).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="65"/>
        <source>Overlap pairs</source>
        <translation>Parau gorgyffwrdd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="65"/>
        <source>The pairs output of Find works overlaps.</source>
        <translation>Allbwn parau Find works overlaps.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="65"/>
        <source>Coordination groups</source>
        <translation>Grwpiau cydlynu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="65"/>
        <source>The groups output of Find works overlaps.</source>
        <translation>Allbwn grwpiau Find works overlaps.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="65"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="65"/>
        <source>The works layer the overlaps were found in (permit_ref, promoter, category, tm_type, dates, status, street_name, usrn).</source>
        <translation>Yr haen gwaith y canfuwyd y gorgyffwrdd ynddi (permit_ref, promoter, category, tm_type, dyddiadau, status, street_name, usrn).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="73"/>
        <source>Name (place)</source>
        <translation>Enw (lle)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="73"/>
        <source>The place in the file names, e.g. camden; empty = the borough holding most groups.</source>
        <translation>Y lle yn enwau'r ffeiliau, e.e. camden; gwag = y fwrdeistref sydd â'r nifer mwyaf o grwpiau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="76"/>
        <source>Period (when)</source>
        <translation>Cyfnod (pryd)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="76"/>
        <source>The period in the file names, e.g. 2026-04; empty = the month of the earliest start.</source>
        <translation>Y cyfnod yn enwau'r ffeiliau, e.e. 2026-04; gwag = mis y dechrau cynharaf.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="79"/>
        <source>Write the report too</source>
        <translation>Ysgrifennu'r adroddiad hefyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="79"/>
        <source>Write the HTML report into the folder as well.</source>
        <translation>Ysgrifennu'r adroddiad HTML i'r ffolder hefyd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="81"/>
        <source>Groups with a page in the report</source>
        <translation>Grwpiau gyda thudalen yn yr adroddiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="81"/>
        <source>The report gives a page to this many groups, most days avoided first; the CSV files and the workbook list every group.</source>
        <translation>Mae'r adroddiad yn rhoi tudalen i'r nifer hwn o grwpiau, y rhai sy'n osgoi'r nifer mwyaf o ddiwrnodau yn gyntaf; mae'r ffeiliau CSV a'r llyfr gwaith yn rhestru pob grŵp.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="86"/>
        <source>Folder</source>
        <translation>Ffolder</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="86"/>
        <source>The folder in which the run&apos;s own folder (PERIOD_NAME) is made.</source>
        <translation>Y ffolder lle caiff ffolder y rhediad ei hun (PERIOD_NAME) ei greu.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="88"/>
        <source>The run&apos;s folder</source>
        <translation>Ffolder y rhediad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="89"/>
        <source>Workbook</source>
        <translation>Llyfr gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="90"/>
        <source>Report</source>
        <translation>Adroddiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="91"/>
        <source>Groups</source>
        <translation>Grwpiau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="91"/>
        <source>Works in groups</source>
        <translation>Gwaith mewn grwpiau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="91"/>
        <source>Pairs</source>
        <translation>Parau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="91"/>
        <source>Days of disruption avoided</source>
        <translation>Diwrnodau o darfu a osgowyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="99"/>
        <source>No works layer: the works sheet is empty and only days avoided are given.</source>
        <translation>Dim haen gwaith: mae'r ddalen gwaith yn wag a dim ond y diwrnodau a osgowyd a roddir.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="111"/>
        <source>Writing the meeting pack into {folder}</source>
        <translation>Yn ysgrifennu'r pecyn cyfarfod i {folder}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="138"/>
        <source>Coordination meeting: {place}, {period}</source>
        <translation>Cyfarfod cydlynu: {place}, {period}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="157"/>
        <source>this export</source>
        <translation>yr allforiad hwn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="163"/>
        <source>benefit parameters</source>
        <translation>paramedrau manteision</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="164"/>
        <source>optional inputs</source>
        <translation>mewnbynnau dewisol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="169"/>
        <source>{role} layer</source>
        <translation>haen {role}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/export_for_meeting.py" line="194"/>
        <source>Could not write {sheet} into {path}: {message}</source>
        <translation>Methu ysgrifennu {sheet} i {path}: {message}</translation>
    </message>
</context>
<context>
    <name>FetchFromCatalogue</name>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="64"/>
        <source>Get from publisher (catalogue of official sources)</source>
        <translation>Cael gan y cyhoeddwr (catalog o ffynonellau swyddogol)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="67"/>
        <source>Brings a publisher&apos;s data into the store in one step, without hunting for the address: choose the source (for example street_manager_permits) and its month, release or layer, accept its licence, and the file is downloaded and imported with the import made for it. The sources, their licences and where each address was documented are in the plugin&apos;s catalogue (resources/catalogue/catalogue.json); the README lists them.

Sources: street_manager_permits and street_manager_section_58 (MONTH, YYYY-MM), ofcom_connected_nations (RELEASE), gla_cultural_infrastructure (LAYER), pld_planning_applications (QUERY, an Elasticsearch search such as lpa_name:Camden), planning_data_gov_uk (DATASET and ORGANISATION), os_open_usrn and os_open_uprn (downloaded only: no import reads them yet; OUTPUT_FILE is the file).

The rules:
- Nothing is downloaded until the licence is accepted (ACCEPT_LICENCE): the message names the licence and the attribution to give.
- MONTH empty = the latest month published. A month not published yet is refused with the latest one; Street Manager publishes a month at the start of the next.
- An address the catalogue marks as not confirmed is said in the log before the download.
- Downloads go through QGIS&apos;s network settings (proxy, AUTHCFG) into the store&apos;s download cache: resumed when interrupted, and not downloaded again when the publisher&apos;s file is unchanged (ETag / Last-Modified / size). Search results and entity pages are fetched afresh.
- The import runs with the catalogue&apos;s parameters, and IMPORT_OPTIONS (KEY=VALUE;KEY=VALUE, e.g. CENTROIDS=/data/onspd.csv for Ofcom). Its outputs are this algorithm&apos;s outputs.
- The store&apos;s catalogue keeps, with the import, the source, address, licence, attribution and the file&apos;s SHA-256; the report&apos;s Sources section lists them.
- CATALOGUE: a catalogue file or address of your own, merged over the shipped one (for an address that moved, a mirror, or a source of your own); it is checked and a malformed entry is named with its field. The DIGONCE_CATALOGUE environment variable does the same for every run.</source>
        <translation>Yn dod â data cyhoeddwr i'r storfa mewn un cam, heb chwilio am y cyfeiriad: dewiswch y ffynhonnell (er enghraifft street_manager_permits) a'i mis, ei datganiad neu ei haen, derbyniwch ei thrwydded, a chaiff y ffeil ei llwytho i lawr a'i mewnforio gyda'r mewnforio a wnaed ar ei chyfer. Mae'r ffynonellau, eu trwyddedau a lle y cafodd pob cyfeiriad ei ddogfennu yng nghatalog yr ategyn (resources/catalogue/catalogue.json); mae'r README yn eu rhestru.

Ffynonellau: street_manager_permits a street_manager_section_58 (MONTH, YYYY-MM), ofcom_connected_nations (RELEASE), gla_cultural_infrastructure (LAYER), pld_planning_applications (QUERY, chwiliad Elasticsearch fel lpa_name:Camden), planning_data_gov_uk (DATASET ac ORGANISATION), os_open_usrn ac os_open_uprn (llwytho i lawr yn unig: nid oes mewnforio sy'n eu darllen eto; OUTPUT_FILE yw'r ffeil).

Y rheolau:
- Nid oes dim yn cael ei lwytho i lawr nes bod y drwydded wedi'i derbyn (ACCEPT_LICENCE): mae'r neges yn enwi'r drwydded a'r priodoliad i'w roi.
- MONTH gwag = y mis diweddaraf a gyhoeddwyd. Caiff mis nad yw wedi'i gyhoeddi eto ei wrthod, gan roi'r un diweddaraf; mae Street Manager yn cyhoeddi mis ar ddechrau'r mis nesaf.
- Caiff cyfeiriad y mae'r catalog yn ei nodi fel un heb ei gadarnhau ei nodi yn y log cyn y llwytho i lawr.
- Mae'r llwytho i lawr yn mynd drwy osodiadau rhwydwaith QGIS (dirprwy, AUTHCFG) i storfa lwytho i lawr y storfa: caiff ei ailddechrau os caiff ei dorri, ac ni chaiff ei lwytho i lawr eto pan nad yw ffeil y cyhoeddwr wedi newid (ETag / Last-Modified / maint). Caiff canlyniadau chwilio a thudalennau endidau eu nôl o'r newydd.
- Mae'r mewnforio'n rhedeg gyda pharamedrau'r catalog, ac IMPORT_OPTIONS (KEY=VALUE;KEY=VALUE, e.e. CENTROIDS=/data/onspd.csv ar gyfer Ofcom). Ei allbynnau yw allbynnau'r algorithm hwn.
- Mae catalog y storfa yn cadw, gyda'r mewnforio, y ffynhonnell, y cyfeiriad, y drwydded, y priodoliad a SHA-256 y ffeil; mae adran Ffynonellau'r adroddiad yn eu rhestru.
- CATALOGUE: ffeil neu gyfeiriad catalog eich hun, wedi'i gyfuno dros yr un a ddaw gyda'r ategyn (ar gyfer cyfeiriad sydd wedi symud, drych, neu ffynhonnell eich hun); caiff ei wirio a chaiff cofnod gwallus ei enwi gyda'i faes. Mae'r newidyn amgylchedd DIGONCE_CATALOGUE yn gwneud yr un peth ar gyfer pob rhediad.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="98"/>
        <source>Source (catalogue name)</source>
        <translation>Ffynhonnell (enw yn y catalog)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="98"/>
        <source>The catalogue&apos;s name of the source, e.g. street_manager_permits, ofcom_connected_nations, gla_cultural_infrastructure, pld_planning_applications, planning_data_gov_uk.</source>
        <translation>Enw'r ffynhonnell yn y catalog, e.e. street_manager_permits, ofcom_connected_nations, gla_cultural_infrastructure, pld_planning_applications, planning_data_gov_uk.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="106"/>
        <source>Month (YYYY-MM)</source>
        <translation>Mis (YYYY-MM)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="106"/>
        <source>For a monthly archive; empty = the latest month published.</source>
        <translation>Ar gyfer archif fisol; gwag = y mis diweddaraf a gyhoeddwyd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="107"/>
        <source>Release</source>
        <translation>Datganiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="107"/>
        <source>For a source published in releases (Ofcom: 2025-07); empty = the newest.</source>
        <translation>Ar gyfer ffynhonnell a gyhoeddir mewn datganiadau (Ofcom: 2025-07); gwag = y mwyaf newydd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="108"/>
        <source>Layer</source>
        <translation>Haen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="108"/>
        <source>For a source in layers (Cultural Infrastructure Map: pubs, theatres ... or all_2023).</source>
        <translation>Ar gyfer ffynhonnell mewn haenau (Map Seilwaith Diwylliannol: tafarndai, theatrau ... neu all_2023).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="109"/>
        <source>Dataset</source>
        <translation>Set ddata</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="109"/>
        <source>planning.data.gov.uk dataset: planning-application, brownfield-land or conservation-area.</source>
        <translation>Set ddata planning.data.gov.uk: planning-application, brownfield-land neu conservation-area.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="110"/>
        <source>Organisation entity</source>
        <translation>Endid sefydliad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="110"/>
        <source>planning.data.gov.uk organisation entity number (a local planning authority); empty = all.</source>
        <translation>Rhif endid sefydliad planning.data.gov.uk (awdurdod cynllunio lleol); gwag = pob un.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="111"/>
        <source>Search</source>
        <translation>Chwiliad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="111"/>
        <source>Planning London Datahub search (Elasticsearch q=), e.g. lpa_name:Camden; empty = everything.</source>
        <translation>Chwiliad Planning London Datahub (Elasticsearch q=), e.e. lpa_name:Camden; gwag = popeth.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="115"/>
        <source>I accept the source&apos;s licence</source>
        <translation>Rwy'n derbyn trwydded y ffynhonnell</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="115"/>
        <source>The data are published under a licence (most under the Open Government Licence v3.0, which asks you to give the publisher&apos;s attribution). Nothing is downloaded until it is accepted; without it the message names the licence.</source>
        <translation>Caiff y data eu cyhoeddi o dan drwydded (y rhan fwyaf o dan y Drwydded Llywodraeth Agored v3.0, sy'n gofyn i chi roi priodoliad y cyhoeddwr). Nid oes dim yn cael ei lwytho i lawr nes iddi gael ei derbyn; hebddi mae'r neges yn enwi'r drwydded.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="125"/>
        <source>Your own catalogue (file or address)</source>
        <translation>Eich catalog eich hun (ffeil neu gyfeiriad)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="125"/>
        <source>A JSON catalogue merged over the shipped one, field by field: a moved address, a mirror (hosts), or a source of your own. Empty = the DIGONCE_CATALOGUE environment variable, else the shipped catalogue alone.</source>
        <translation>Catalog JSON wedi'i gyfuno dros yr un a ddaw gyda'r ategyn, maes wrth faes: cyfeiriad sydd wedi symud, drych (hosts), neu ffynhonnell eich hun. Gwag = y newidyn amgylchedd DIGONCE_CATALOGUE, neu fel arall y catalog a ddaw gyda'r ategyn yn unig.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="135"/>
        <source>More import parameters (KEY=VALUE;KEY=VALUE)</source>
        <translation>Rhagor o baramedrau mewnforio (KEY=VALUE;KEY=VALUE)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="135"/>
        <source>Passed to the source&apos;s import over the catalogue&apos;s, e.g. CENTROIDS=/data/onspd.csv.</source>
        <translation>Caiff eu rhoi i fewnforio'r ffynhonnell yn lle rhai'r catalog, e.e. CENTROIDS=/data/onspd.csv.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>Source and choice</source>
        <translation>Ffynhonnell a dewis</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>Address downloaded</source>
        <translation>Cyfeiriad a lwythwyd i lawr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>Licence</source>
        <translation>Trwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>Attribution</source>
        <translation>Priodoliad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>SHA-256 of what was imported</source>
        <translation>SHA-256 yr hyn a fewnforiwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>1 when the address is confirmed</source>
        <translation>1 pan fo'r cyfeiriad wedi'i gadarnhau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>Downloaded file</source>
        <translation>Ffeil a lwythwyd i lawr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>Import id in the catalogue</source>
        <translation>Id y mewnforio yn y catalog</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="48"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="158"/>
        <source>{label} is published by {publisher} under the {licence} ({url}). Nothing was downloaded: read the licence, then run again with ACCEPT_LICENCE=true (in the dialog, tick &apos;I accept the licence&apos;). The attribution to give: {attribution}</source>
        <translation>Caiff {label} ei gyhoeddi gan {publisher} o dan {licence} ({url}). Ni lwythwyd dim i lawr: darllenwch y drwydded, yna rhedwch eto gydag ACCEPT_LICENCE=true (yn y blwch deialog, ticiwch 'Rwy'n derbyn y drwydded'). Y priodoliad i'w roi: {attribution}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="158"/>
        <source>see the publisher</source>
        <translation>gweler y cyhoeddwr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="182"/>
        <source>{label}: {publisher}, {licence}. {attribution}</source>
        <translation>{label}: {publisher}, {licence}. {attribution}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="188"/>
        <source>The address of {label} is not confirmed from the publisher&apos;s documentation. {notes}</source>
        <translation>Nid yw cyfeiriad {label} wedi'i gadarnhau o ddogfennaeth y cyhoeddwr. {notes}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="215"/>
        <source>Cancelled: the store is unchanged</source>
        <translation>Wedi'i ganslo: nid yw'r storfa wedi newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="206"/>
        <source>{label} downloaded to {path}; no Dig Once import reads this file yet, so the store is unchanged.</source>
        <translation>Llwythwyd {label} i lawr i {path}; nid oes mewnforio Dig Once sy'n darllen y ffeil hon eto, felly nid yw'r storfa wedi newid.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="222"/>
        <source>{label}: {m}</source>
        <translation>{label}: {m}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/fetch_from_catalogue.py" line="222"/>
        <source>imported</source>
        <translation>wedi'i fewnforio</translation>
    </message>
</context>
<context>
    <name>FindCoverageGaps</name>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="28"/>
        <source>Find coverage gaps</source>
        <translation>Canfod bylchau yn y ddarpariaeth</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="49"/>
        <source>Sites</source>
        <translation>Safleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="49"/>
        <source>Planning sites or cultural venues (points or polygons).</source>
        <translation>Safleoedd cynllunio neu leoliadau diwylliannol (pwyntiau neu bolygonau).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="56"/>
        <source>Line layer of the spine (e.g. from &apos;Import full-fibre spine&apos;).</source>
        <translation>Haen linell yr asgwrn cefn (e.e. o 'Import full-fibre spine').</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="57"/>
        <source>Maximum distance to the spine</source>
        <translation>Pellter mwyaf i'r asgwrn cefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="57"/>
        <source>Not-spot sites within this distance (metres) of the spine are near_spine_notspot.</source>
        <translation>Mae safleoedd mewn mannau digyswllt o fewn y pellter hwn (metrau) i'r asgwrn cefn yn near_spine_notspot.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="61"/>
        <source>Search radius for postcodes</source>
        <translation>Radiws chwilio ar gyfer codau post</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="61"/>
        <source>When no not-spot area contains a site, the nearest place within this distance (metres).</source>
        <translation>Pan nad oes ardal ddigyswllt yn cynnwys safle, y man agosaf o fewn y pellter hwn (metrau).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="70"/>
        <source>Units field</source>
        <translation>Maes unedau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="70"/>
        <source>Residential units of each site; empty = the &apos;units&apos; field when the layer has one.</source>
        <translation>Unedau preswyl pob safle; gwag = y maes 'units' pan fo gan yr haen un.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="78"/>
        <source>Coverage gaps</source>
        <translation>Bylchau yn y ddarpariaeth</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="78"/>
        <source>The sites with their spine distance, not-spot metrics and gap class.</source>
        <translation>Y safleoedd gyda'u pellter i'r asgwrn cefn, eu mesurau man digyswllt a'u dosbarth bwlch.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="83"/>
        <source>Sites: {c}</source>
        <translation>Safleoedd: {c}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="83"/>
        <source>Residential units in not-spots</source>
        <translation>Unedau preswyl mewn mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="120"/>
        <source>{c}: {n} sites</source>
        <translation>{c}: {n} safle</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="31"/>
        <source>Use this to see where full fibre is missing. For each planning site or cultural venue it says whether it sits in a connectivity not-spot and how far it is from the full-fibre spine: sites in a not-spot close to the spine are the quick wins.

&lt;b&gt;The exact rules&lt;/b&gt;

For each site (planning sites or cultural venues, points or polygons): the exact distance to the full-fibre spine (spine_distance_m), the not-spot place describing it (the not-spot area containing it, else the nearest postcode/area within the search radius) with its share, whether it is in a not-spot, and a gap class:
- connected: the matched place is not a not-spot;
- near_spine_notspot: in a not-spot, within MAX_SPINE_DISTANCE of the spine;
- far_from_spine_notspot: in a not-spot, further from the spine (or no spine);
- no_coverage_data: no place contains it or lies within the search radius;
- unlocated: no usable geometry (e.g. grid-origin planning centroids).
Planning sites carry their &apos;units&apos;. Counts per class are numeric outputs.</source>
        <translation>Defnyddiwch hwn i weld lle mae ffeibr llawn ar goll. Ar gyfer pob safle cynllunio neu leoliad diwylliannol mae'n dweud a yw mewn man digyswllt ac ym mha bellter y mae o'r asgwrn cefn ffeibr llawn: safleoedd mewn man digyswllt yn agos at yr asgwrn cefn yw'r enillion cyflym.

&lt;b&gt;Y rheolau manwl&lt;/b&gt;

Ar gyfer pob safle (safleoedd cynllunio neu leoliadau diwylliannol, pwyntiau neu bolygonau): yr union bellter i'r asgwrn cefn ffeibr llawn (spine_distance_m), y man digyswllt sy'n ei ddisgrifio (yr ardal ddigyswllt sy'n ei gynnwys, fel arall y cod post/ardal agosaf o fewn y radiws chwilio) gyda'i gyfran, a yw mewn man digyswllt, a dosbarth bwlch:
- connected: nid yw'r man cyfatebol yn fan digyswllt;
- near_spine_notspot: mewn man digyswllt, o fewn MAX_SPINE_DISTANCE i'r asgwrn cefn;
- far_from_spine_notspot: mewn man digyswllt, ymhellach o'r asgwrn cefn (neu dim asgwrn cefn);
- no_coverage_data: nid oes unrhyw fan yn ei gynnwys nac o fewn y radiws chwilio;
- unlocated: dim geometreg y gellir ei defnyddio (e.e. canolbwyntiau cynllunio ar darddbwynt y grid).
Mae safleoedd cynllunio yn cynnwys eu 'units'. Mae'r cyfrifon ar gyfer pob dosbarth yn allbynnau rhifiadol.</translation>
    </message>
</context>
<context>
    <name>FindRegisterMatches</name>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="27"/>
        <source>Find my matches in the shared register</source>
        <translation>Canfod fy nghyfatebiaethau yn y gofrestr a rennir</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="30"/>
        <source>Finds where your organisation&apos;s published works and plans meet any other work or plan in the shared register, including other organisations&apos; private plans, so that you can dig once together. Where you may read the other work (it is yours, or was shared or made public) you get the full detail. Where you may not, you learn only what you need to start talking: the other organisation and its contact, the street (USRN and name), the highway authority, the months of its window (not the days), whether it is a clash or an opportunity and how close it is (a distance class such as &lt;= 25 m), never its geometry. The other organisation sees the same match from its side.

Publish first (digonce:publishtoregister): the register matches what was published.

The rules are those of digonce:findworksoverlaps, with the same parameters. Near: the distance between the two geometries (EPSG:27700) is at most DISTANCE metres (inclusive), or with SAME_STREET both have the same non-empty USRN. Windows are closed intervals of days. Clash: the windows overlap (end of one = start of the other is a one-day clash). Opportunity: they do not overlap and the later start minus the earlier end is at most MAX_GAP_DAYS. Pairs of the same owner (promoter, case and extra spaces ignored) are left out unless INCLUDE_SAME_OWNER; works whose permit status is in EXCLUDED_STATUSES, or published as unusable, never take part. The register measures distance with PostGIS (ST_DWithin on its spatial index). DISTANCE is at most 500 m and MAX_GAP_DAYS at most 3650 in the register, so that nobody can list everyone&apos;s private plans with one wide search.

Outputs: OUTPUT, one line per match you may see in full (the shortest line between the two works; kind, distance_m, gap_days, overlap_days, both references and windows). OUTPUT_BLIND, one point on your own work per match with a work you may not see, with the coarse facts only. Styled like the local pairs: clash red, opportunity amber.</source>
        <translation>Yn canfod lle mae gwaith a chynlluniau cyhoeddedig eich sefydliad yn cyfarfod ag unrhyw waith neu gynllun arall yn y gofrestr a rennir, gan gynnwys cynlluniau preifat sefydliadau eraill, fel y gallwch gloddio unwaith gyda'ch gilydd. Lle cewch ddarllen y gwaith arall (mae'n eiddo i chi, neu cafodd ei rannu neu ei wneud yn gyhoeddus) cewch y manylion llawn. Lle na chewch, dim ond yr hyn sydd ei angen arnoch i ddechrau siarad a gewch: y sefydliad arall a'i gyswllt, y stryd (USRN ac enw), yr awdurdod priffyrdd, misoedd ei ffenestr (nid y diwrnodau), ai gwrthdaro neu gyfle ydyw a pha mor agos ydyw (dosbarth pellter fel &lt;= 25 m), byth ei geometreg. Mae'r sefydliad arall yn gweld yr un gyfatebiaeth o'i ochr ef.

Cyhoeddwch yn gyntaf (digonce:publishtoregister): mae'r gofrestr yn paru'r hyn a gyhoeddwyd.

Rheolau digonce:findworksoverlaps yw'r rheolau, gyda'r un paramedrau. Agos: mae'r pellter rhwng y ddwy geometreg (EPSG:27700) yn DISTANCE metr ar y mwyaf (yn gynhwysol), neu gyda SAME_STREET mae gan y ddau yr un USRN nad yw'n wag. Mae ffenestri'n gyfyngau caeedig o ddiwrnodau. Gwrthdaro: mae'r ffenestri'n gorgyffwrdd (diwedd un = dechrau'r llall yw gwrthdaro undydd). Cyfle: nid ydynt yn gorgyffwrdd ac mae'r dechrau hwyraf llai'r diwedd cynharaf yn MAX_GAP_DAYS ar y mwyaf. Caiff parau gan yr un perchennog (hyrwyddwr, gan anwybyddu priflythrennau a bylchau ychwanegol) eu hepgor oni bai am INCLUDE_SAME_OWNER; nid yw gwaith y mae statws ei drwydded yn EXCLUDED_STATUSES, neu a gyhoeddwyd fel un anaddas, byth yn cymryd rhan. Mae'r gofrestr yn mesur pellter gyda PostGIS (ST_DWithin ar ei mynegai gofodol). Mae DISTANCE yn 500 m ar y mwyaf a MAX_GAP_DAYS yn 3650 ar y mwyaf yn y gofrestr, fel na all neb restru cynlluniau preifat pawb gydag un chwiliad eang.

Allbynnau: OUTPUT, un llinell ar gyfer pob cyfatebiaeth y cewch ei gweld yn llawn (y llinell fyrraf rhwng y ddau waith; kind, distance_m, gap_days, overlap_days, y ddau gyfeirnod a'r ddwy ffenestr). OUTPUT_BLIND, un pwynt ar eich gwaith eich hun ar gyfer pob cyfatebiaeth â gwaith na chewch ei weld, gyda'r ffeithiau bras yn unig. Wedi'u harddullio fel y parau lleol: gwrthdaro yn goch, cyfle yn oren.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="73"/>
        <source>Matches in full</source>
        <translation>Cyfatebiaethau llawn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="61"/>
        <source>One line per match with a work you may read: the shortest line between the two works.</source>
        <translation>Un llinell ar gyfer pob cyfatebiaeth â gwaith y cewch ei ddarllen: y llinell fyrraf rhwng y ddau waith.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="67"/>
        <source>Matches with private plans (coarse)</source>
        <translation>Cyfatebiaethau â chynlluniau preifat (bras)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="67"/>
        <source>One point on your work per match with a work you may not read, with the coarse facts.</source>
        <translation>Un pwynt ar eich gwaith ar gyfer pob cyfatebiaeth â gwaith na chewch ei ddarllen, gyda'r ffeithiau bras.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="73"/>
        <source>Matches</source>
        <translation>Cyfatebiaethau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="73"/>
        <source>Clashes</source>
        <translation>Gwrthdaro</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="73"/>
        <source>Opportunities</source>
        <translation>Cyfleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_register_matches.py" line="73"/>
        <source>Matches with private plans</source>
        <translation>Cyfatebiaethau â chynlluniau preifat</translation>
    </message>
</context>
<context>
    <name>FindSpineOpportunities</name>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="36"/>
        <source>Find spine opportunities</source>
        <translation>Canfod cyfleoedd ger yr asgwrn cefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="56"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="56"/>
        <source>Street works (e.g. the store&apos;s &apos;works&apos; layer): lines, points or polygons.</source>
        <translation>Gwaith stryd (e.e. haen 'works' y storfa): llinellau, pwyntiau neu bolygonau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="61"/>
        <source>Line layer of the spine.</source>
        <translation>Haen linell yr asgwrn cefn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="63"/>
        <source>Maximum distance from the spine</source>
        <translation>Pellter mwyaf o'r asgwrn cefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="63"/>
        <source>Works further than this (metres) from the spine are not opportunities.</source>
        <translation>Nid yw gwaith sydd ymhellach na hyn (metrau) o'r asgwrn cefn yn gyfleoedd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="67"/>
        <source>Reach into not-spots</source>
        <translation>Cyrhaeddiad i fannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="67"/>
        <source>Not-spot places within this distance (metres) of a work count for it.</source>
        <translation>Mae mannau digyswllt o fewn y pellter hwn (metrau) i waith yn cyfrif ar ei gyfer.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="73"/>
        <source>Start date field</source>
        <translation>Maes y dyddiad dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="73"/>
        <source>End date field</source>
        <translation>Maes y dyddiad gorffen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="77"/>
        <source>Empty = &apos;{f}&apos; when the layer has it; no field = no date factor.</source>
        <translation>Gwag = '{f}' pan fo gan yr haen ef; dim maes = dim ffactor dyddiad.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="84"/>
        <source>Reference date (YYYY-MM-DD)</source>
        <translation>Dyddiad cyfeirio (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="84"/>
        <source>Days to start count from this date; empty = today (Europe/London).</source>
        <translation>Caiff y diwrnodau tan y dechrau eu cyfrif o'r dyddiad hwn; gwag = heddiw (Europe/London).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="91"/>
        <source>Spine opportunities</source>
        <translation>Cyfleoedd ger yr asgwrn cefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="91"/>
        <source>The qualifying works, best first, with rank, score and its terms.</source>
        <translation>Y gwaith cymwys, y gorau yn gyntaf, gyda'r safle, y sgôr a'i thermau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="96"/>
        <source>Opportunities found</source>
        <translation>Cyfleoedd a ganfuwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="96"/>
        <source>Works near the spine that already ended</source>
        <translation>Gwaith ger yr asgwrn cefn sydd eisoes wedi dod i ben</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="122"/>
        <source>Reference date {d}</source>
        <translation>Dyddiad cyfeirio {d}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="145"/>
        <source>{n} opportunities; {e} works near the spine had already ended</source>
        <translation>{n} cyfle; roedd {e} o waith ger yr asgwrn cefn eisoes wedi dod i ben</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="39"/>
        <source>Use this to lay duct while the road is open anyway. It ranks street works that pass close to the full-fibre spine and close to connectivity not-spots, best first.

&lt;b&gt;The exact rules&lt;/b&gt;

Street works within MAX_SPINE_DISTANCE of the full-fibre spine that pass within NOTSPOT_DISTANCE of not-spots: the chance to lay duct from the spine while the road is open. Ranked by score (rank 1 = best):

score = affected x (0.5 + 0.5 x (1 - spine_distance / MAX_SPINE_DISTANCE)) x (1 + min(length_m, 1000) / 1000) x 1 / (1 + max(0, days_to_start) / 90)

affected = sum over the not-spots within reach of premises unable to get the level (premises x share / 100) when the not-spot layer has &apos;premises&apos;, else 1 per postcode or area. days_to_start counts from the reference date (default today, London). Works that ended before the reference date are left out (EXCLUDED_ENDED); works with no dates get a date factor of 1.</source>
        <translation>Defnyddiwch hwn i osod dwythell tra bo'r ffordd ar agor beth bynnag. Mae'n trefnu gwaith stryd sy'n mynd yn agos at yr asgwrn cefn ffeibr llawn ac yn agos at fannau digyswllt, y gorau yn gyntaf.

&lt;b&gt;Y rheolau manwl&lt;/b&gt;

Gwaith stryd o fewn MAX_SPINE_DISTANCE i'r asgwrn cefn ffeibr llawn sy'n mynd o fewn NOTSPOT_DISTANCE i fannau digyswllt: y cyfle i osod dwythell o'r asgwrn cefn tra bo'r ffordd ar agor. Wedi'u trefnu yn ôl sgôr (safle 1 = gorau):

score = affected x (0.5 + 0.5 x (1 - spine_distance / MAX_SPINE_DISTANCE)) x (1 + min(length_m, 1000) / 1000) x 1 / (1 + max(0, days_to_start) / 90)

affected = cyfanswm, dros y mannau digyswllt o fewn cyrraedd, yr eiddo na allant gael y lefel (premises x share / 100) pan fo gan haen y mannau digyswllt 'premises', fel arall 1 ar gyfer pob cod post neu ardal. Mae days_to_start yn cyfrif o'r dyddiad cyfeirio (rhagosodiad heddiw, Llundain). Caiff gwaith a ddaeth i ben cyn y dyddiad cyfeirio ei hepgor (EXCLUDED_ENDED); mae gwaith heb ddyddiadau yn cael ffactor dyddiad o 1.</translation>
    </message>
</context>
<context>
    <name>FindWorksOverlaps</name>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="49"/>
        <source>Find works clashes and dig-once opportunities</source>
        <translation>Canfod gwrthdaro rhwng gwaith a chyfleoedd i gloddio unwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="99"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="99"/>
        <source>Points, lines or polygons: the store&apos;s works layer, or any layer with the mapped fields.</source>
        <translation>Pwyntiau, llinellau neu bolygonau: haen gwaith y storfa, neu unrhyw haen gyda'r meysydd wedi'u mapio.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="106"/>
        <source>Other works (cross pairs only)</source>
        <translation>Gwaith arall (parau croes yn unig)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="106"/>
        <source>Optional second layer (e.g. the register when Works are your own plans): only pairs with one work from each layer are reported. Uses the same field names.</source>
        <translation>Ail haen ddewisol (e.e. y gofrestr pan mai eich cynlluniau eich hun yw'r Gwaith): dim ond parau gydag un gwaith o bob haen a gaiff eu hadrodd. Mae'n defnyddio'r un enwau meysydd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="116"/>
        <source>Field of the works layer(s) (default {default}).</source>
        <translation>Maes haen(au) y gwaith (rhagosodiad {default}).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="119"/>
        <source>Clashes and opportunities</source>
        <translation>Gwrthdaro a chyfleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="119"/>
        <source>One row per pair: shortest line between the works, kind, distance, gap and overlap days.</source>
        <translation>Un rhes ar gyfer pob pâr: y llinell fyrraf rhwng y gwaith, y math, y pellter, a'r diwrnodau o fwlch a gorgyffwrdd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="142"/>
        <source>Coordination groups</source>
        <translation>Grwpiau cydlynu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="119"/>
        <source>One row per group of linked works (one meeting), with its hull and summary.</source>
        <translation>Un rhes ar gyfer pob grŵp o waith cysylltiedig (un cyfarfod), gyda'i amlinell a'i grynodeb.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="142"/>
        <source>Unusable works</source>
        <translation>Gwaith anaddas</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="119"/>
        <source>Works that could not take part, with the reason.</source>
        <translation>Gwaith nad oedd modd iddo gymryd rhan, gyda'r rheswm.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="156"/>
        <source>SAME_STREET is on but layer {layer!r} has no USRN field {field!r}</source>
        <translation>Mae SAME_STREET ymlaen ond nid oes gan yr haen {layer!r} faes USRN {field!r}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="205"/>
        <source>{n} works left out for their permit status</source>
        <translation>{n} o waith wedi'u hepgor oherwydd statws eu trwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="205"/>
        <source>{n} invalid polygons repaired with make_valid</source>
        <translation>{n} polygon annilys wedi'u trwsio gyda make_valid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="142"/>
        <source>Pairs (clashes + opportunities)</source>
        <translation>Parau (gwrthdaro + cyfleoedd)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="142"/>
        <source>Clashes</source>
        <translation>Gwrthdaro</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="142"/>
        <source>Opportunities</source>
        <translation>Cyfleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="187"/>
        <source>Works reference field</source>
        <translation>Maes cyfeirnod y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="187"/>
        <source>Owner (promoter) field</source>
        <translation>Maes y perchennog (hyrwyddwr)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="187"/>
        <source>Start date field</source>
        <translation>Maes y dyddiad dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="185"/>
        <source>a date or text</source>
        <translation>ddyddiad neu destun</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="187"/>
        <source>End date field</source>
        <translation>Maes y dyddiad gorffen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="187"/>
        <source>Permit status field</source>
        <translation>Maes statws y drwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="187"/>
        <source>text</source>
        <translation>destun</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="187"/>
        <source>USRN field</source>
        <translation>Maes USRN</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_fields.py" line="187"/>
        <source>text or an integer</source>
        <translation>destun neu gyfanrif</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="52"/>
        <source>Use this before a coordination meeting. It lists every pair of works that will dig near each other at the same time (a clash: residents get the disruption twice) or within a few weeks of each other (a dig-once opportunity: share the trench), and joins the pairs into coordination groups: one group, one conversation. Works that cannot be checked (no dates, no location) are listed with the reason, never dropped.

&lt;b&gt;The exact rules&lt;/b&gt; (distances are exact, never approximated by boxes or grids)

&lt;b&gt;Near&lt;/b&gt;: the minimum Euclidean distance between the two geometries in EPSG:27700 is at most DISTANCE metres (inclusive: 25.0 m is near at DISTANCE 25). With SAME_STREET, works with the same non-empty USRN are near whatever the distance. Layers in another CRS are reprojected to EPSG:27700 first (said in the log).

&lt;b&gt;Windows&lt;/b&gt; are closed intervals of calendar days [start, end].
&lt;b&gt;clash&lt;/b&gt;: near and start_a ≤ end_b and start_b ≤ end_a; gap_days = 0; overlap_days = min(end_a, end_b) − max(start_a, start_b) + 1, the days in the intersection (end_a = start_b is a one-day clash).
&lt;b&gt;opportunity&lt;/b&gt; (dig once): near, the windows do not overlap and gap_days = later start − earlier end ≤ MAX_GAP_DAYS (end_a + 1 = start_b is gap 1); overlap_days = 0.

Pairs whose owners are the same (compared ignoring case and extra spaces; an empty owner never matches) are left out unless INCLUDE_SAME_OWNER. Works whose permit status is in EXCLUDED_STATUSES (default cancelled, refused, revoked; ignoring case) never take part and are counted in the log.

&lt;b&gt;Unusable&lt;/b&gt; works are never paired and are listed with the reason: missing or empty geometry, NaN or infinite coordinates, missing start or end date, a date that is not a date, end before start. Invalid polygons (e.g. self-intersecting) are repaired with make_valid and counted in the log; one that repairs to nothing is unusable.

With OTHER (e.g. your forward plans as INPUT and the register as OTHER), only pairs with one work from each layer are reported; OTHER must have the same field names. With one layer each unordered pair appears once, the smaller reference as id_a.

&lt;b&gt;Pairs&lt;/b&gt; output: id_a, id_b, owner_a, owner_b, kind, distance_m (exact), gap_days, overlap_days, group_id; geometry = the shortest line between the two works, in 2D (a zero-length line at the contact point where they touch or overlap, drawn as a dot). QGIS counts such zero-length lines as invalid: to use this layer in other Processing tools, set 'Invalid features filtering' to 'Do not filter' (Dig Once's own tools read it as it is).

&lt;b&gt;Coordination groups&lt;/b&gt;: connected components of the pairs (clashes and opportunities); each work is in at most one group; groups are numbered in the order of the smallest reference they contain. Fields: n_works, n_owners, owners, first_start, last_end, n_clashes, n_opportunities and days_saved = Σ(end − start + 1) − max(end − start + 1) over the group's works: the days of disruption of the separate works minus those of one shared opening as long as the longest of them (an upper-bound estimate: it assumes the works fit in one opening). Geometry: the convex hull of the works; where that is a point or a segment, a rectangle 1 m wider on every side.

The run's parameters are written into each output GeoPackage (table digonce_runs) and the outputs carry their style (clash red, opportunity amber).</source>
        <translation>Defnyddiwch hwn cyn cyfarfod cydlynu. Mae'n rhestru pob pâr o waith a fydd yn cloddio'n agos at ei gilydd ar yr un pryd (gwrthdaro: mae trigolion yn dioddef y tarfu ddwywaith) neu o fewn ychydig wythnosau i'w gilydd (cyfle i gloddio unwaith: rhannu'r ffos), ac yn cysylltu'r parau yn grwpiau cydlynu: un grŵp, un sgwrs. Caiff gwaith na ellir ei wirio (dim dyddiadau, dim lleoliad) ei restru gyda'r rheswm, byth ei ollwng.

&lt;b&gt;Y rheolau manwl&lt;/b&gt; (mae'r pellteroedd yn fanwl gywir, byth wedi'u brasamcanu gyda blychau neu gridiau)

&lt;b&gt;Agos&lt;/b&gt;: mae'r pellter Euclidaidd lleiaf rhwng y ddwy geometreg yn EPSG:27700 yn DISTANCE metr ar y mwyaf (yn gynhwysol: mae 25.0 m yn agos pan fo DISTANCE yn 25). Gyda SAME_STREET, mae gwaith gyda'r un USRN nad yw'n wag yn agos beth bynnag fo'r pellter. Caiff haenau mewn CRS arall eu haildaflunio i EPSG:27700 yn gyntaf (nodir hyn yn y log).

Mae &lt;b&gt;ffenestri&lt;/b&gt; yn gyfyngau caeedig o ddiwrnodau calendr [start, end].
&lt;b&gt;gwrthdaro&lt;/b&gt; (clash): agos a start_a ≤ end_b a start_b ≤ end_a; gap_days = 0; overlap_days = min(end_a, end_b) − max(start_a, start_b) + 1, y diwrnodau yn y croestoriad (mae end_a = start_b yn wrthdaro undydd).
&lt;b&gt;cyfle&lt;/b&gt; (opportunity, cloddio unwaith): agos, nid yw'r ffenestri'n gorgyffwrdd a gap_days = y dechrau hwyraf − y diwedd cynharaf ≤ MAX_GAP_DAYS (mae end_a + 1 = start_b yn fwlch o 1); overlap_days = 0.

Caiff parau sydd â'r un perchnogion (wedi'u cymharu gan anwybyddu priflythrennau a bylchau ychwanegol; nid yw perchennog gwag byth yn cyfateb) eu hepgor oni bai bod INCLUDE_SAME_OWNER wedi'i osod. Nid yw gwaith y mae statws ei drwydded yn EXCLUDED_STATUSES (rhagosodiad cancelled, refused, revoked; gan anwybyddu priflythrennau) byth yn cymryd rhan, a chaiff ei gyfrif yn y log.

Nid yw gwaith &lt;b&gt;anaddas&lt;/b&gt; byth yn cael ei baru, a chaiff ei restru gyda'r rheswm: geometreg ar goll neu wag, cyfesurynnau NaN neu anfeidraidd, dyddiad dechrau neu orffen ar goll, dyddiad nad yw'n ddyddiad, diwedd cyn y dechrau. Caiff polygonau annilys (e.e. rhai sy'n croestorri eu hunain) eu trwsio gyda make_valid a'u cyfrif yn y log; mae un sy'n troi'n ddim wrth ei drwsio yn anaddas.

Gydag OTHER (e.e. eich cynlluniau ymlaen llaw fel INPUT a'r gofrestr fel OTHER), dim ond parau gydag un gwaith o bob haen a gaiff eu hadrodd; rhaid i OTHER fod â'r un enwau meysydd. Gydag un haen, mae pob pâr diwahaniaeth yn ymddangos unwaith, gyda'r cyfeirnod lleiaf fel id_a.

Allbwn &lt;b&gt;parau&lt;/b&gt;: id_a, id_b, owner_a, owner_b, kind, distance_m (union), gap_days, overlap_days, group_id; geometreg = y llinell fyrraf rhwng y ddau waith, mewn 2D (llinell o hyd sero ar y man cyswllt lle maen nhw'n cyffwrdd neu'n gorgyffwrdd, wedi'i llunio fel dot). Mae QGIS yn cyfrif llinellau o hyd sero o'r fath yn annilys: i ddefnyddio'r haen hon mewn offer Prosesu eraill, gosodwch 'Invalid features filtering' i 'Do not filter' (mae offer Dig Once ei hun yn ei darllen fel y mae).

&lt;b&gt;Grwpiau cydlynu&lt;/b&gt;: cydrannau cysylltiedig y parau (gwrthdaro a chyfleoedd); mae pob gwaith mewn un grŵp ar y mwyaf; caiff grwpiau eu rhifo yn nhrefn y cyfeirnod lleiaf sydd ynddyn nhw. Meysydd: n_works, n_owners, owners, first_start, last_end, n_clashes, n_opportunities a days_saved = Σ(end − start + 1) − max(end − start + 1) dros waith y grŵp: diwrnodau tarfu'r gwaith ar wahân llai diwrnodau un agoriad a rennir sydd mor hir â'r hiraf ohonyn nhw (amcangyfrif uchaf: mae'n tybio bod y gwaith yn ffitio mewn un agoriad). Geometreg: amgaead amgrwm y gwaith; lle mae hwnnw'n bwynt neu'n segment, petryal 1 m yn lletach ar bob ochr.

Caiff paramedrau'r rhediad eu hysgrifennu i bob GeoPackage allbwn (tabl digonce_runs) ac mae'r allbynnau'n cario eu harddull (gwrthdaro yn goch, cyfle yn oren).</translation>
    </message>
</context>
<context>
    <name>ImportAlgorithm</name>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="155"/>
        <source>Store (GeoPackage)</source>
        <translation>Storfa (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="155"/>
        <source>The local store to import into; empty = the plugin&apos;s store in the QGIS profile (Settings).</source>
        <translation>Y storfa leol i fewnforio iddi; gwag = storfa'r ategyn yn y proffil QGIS (Gosodiadau).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="221"/>
        <source>Cancelled: the store is unchanged.</source>
        <translation>Wedi'i ganslo: nid yw'r storfa wedi newid.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="105"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="106"/>
        <source>Records rejected</source>
        <translation>Cofnodion wedi'u gwrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="107"/>
        <source>Rows rejected</source>
        <translation>Rhesi wedi'u gwrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="108"/>
        <source>1 when already imported (nothing changed)</source>
        <translation>1 pan fo wedi'i fewnforio eisoes (dim wedi newid)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="111"/>
        <source>Import id in the catalogue</source>
        <translation>Id y mewnforio yn y catalog</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_import_base.py" line="112"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
</context>
<context>
    <name>ImportCulturalVenues</name>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="61"/>
        <source>Import cultural venues (GLA Cultural Infrastructure Map)</source>
        <translation>Mewnforio lleoliadau diwylliannol (Map Seilwaith Diwylliannol yr GLA)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="111"/>
        <source>Category</source>
        <translation>Categori</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="32"/>
        <source>Rows whose easting/northing disagree with latitude/longitude</source>
        <translation>Rhesi y mae eu easting/northing yn anghytuno â latitude/longitude</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="32"/>
        <source>Rows with no borough</source>
        <translation>Rhesi heb fwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="32"/>
        <source>Mojibake sequences repaired</source>
        <translation>Dilyniannau mojibake wedi'u trwsio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="32"/>
        <source>Venues placed by their easting/northing</source>
        <translation>Lleoliadau wedi'u lleoli yn ôl eu easting/northing</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="32"/>
        <source>Venues placed by their latitude/longitude</source>
        <translation>Lleoliadau wedi'u lleoli yn ôl eu latitude/longitude</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="32"/>
        <source>Rows whose pairs disagree with nothing to decide (check them)</source>
        <translation>Rhesi y mae eu parau'n anghytuno heb ddim i benderfynu (gwiriwch nhw)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="64"/>
        <source>Puts the venues of the GLA's Cultural Infrastructure Map (pubs, music venues, theatres, libraries, museums and the other categories) into the store, so that coverage gaps and dig-once opportunities can be found around them. Give one category's CSV, or the GeoPackage the GLA publishes with one layer per category, as a file or a London Datastore address.

Each venue is placed where the publisher's right coordinates put it. The files give every place twice, as easting/northing and as latitude/longitude, and some exports get one pair wrong: in several real files every venue would sit about 125 m or 250 m from where it stands if the wrong pair were trusted. The import decides for each row which pair is right, from evidence in the file, says in the log how many venues were placed by each pair and why, and keeps the reason on each venue (fields coord_source and coord_evidence; coord_conflict is true when the two pairs disagree).

The rules, strongest evidence first:
1. agree: the pairs lie within the tolerance (default 5 m) of each other: easting/northing are used (no datum conversion needed).
2. latlon_is_osgb36: the latitude/longitude, read as OSGB36 (EPSG:4277), give back the easting/northing within 1 m: they were converted from the easting/northing and mislabelled WGS84, so easting/northing are used.
3. en_datum_reversed: the easting/northing equal the latitude/longitude converted with the OSGB36/WGS84 datum shift applied the wrong way (within the tolerance): latitude/longitude are used.
4. own_borough: only one of the two positions lies in the row's own borough (borough_code, else borough_name, against the London borough outlines shipped with the plugin; more than 20 m outside counts as outside): that one is used.
5. file_majority: nothing on the row decides: the pair that the file's rows with evidence (rules 2 to 4) showed right is used.
6. no_evidence: nothing decides: latitude/longitude are used and the row stays flagged for checking.
A row with only one usable pair uses it; latitude/longitude written in the wrong order are swapped. Without the OSTN15 grid, latitude/longitude are converted by a Helmert fit that is 1.4 to 2.1 m from the Ordnance Survey transformation in London.

Columns are found by name (their order differs between files). The category comes from the Category parameter, a 'category' column, the file name or the GeoPackage layer name. 'NA' strings are empty; rounded UPRNs are kept as text but never used as keys; rows with no borough keep an empty borough; mojibake (â€™) is repaired; borough names are normalised. A file with a header and no rows is read as 0 venues and the log says so. Rows without usable coordinates are rejected with the field and the value. Every row is imported or rejected. In a GeoPackage, layers that are not venue points (areas, zones) are left out and named in the log; a layer without coordinate columns is placed by its geometry. Re-importing a file replaces that file's venues.</source>
        <translation>Yn rhoi lleoliadau Map Seilwaith Diwylliannol yr GLA (tafarndai, lleoliadau cerddoriaeth, theatrau, llyfrgelloedd, amgueddfeydd a'r categorïau eraill) yn y storfa, fel y gellir canfod bylchau yn y ddarpariaeth a chyfleoedd i gloddio unwaith o'u cwmpas. Rhowch CSV un categori, neu'r GeoPackage y mae'r GLA yn ei gyhoeddi gydag un haen ar gyfer pob categori, fel ffeil neu gyfeiriad London Datastore.

Caiff pob lleoliad ei osod lle mae cyfesurynnau cywir y cyhoeddwr yn ei roi. Mae'r ffeiliau'n rhoi pob man ddwywaith, fel easting/northing ac fel latitude/longitude, ac mae rhai allforion yn cael un pâr yn anghywir: mewn sawl ffeil go iawn byddai pob lleoliad tua 125 m neu 250 m o'r lle y mae mewn gwirionedd pe bai'r pâr anghywir yn cael ei gredu. Mae'r mewnforio'n penderfynu ar gyfer pob rhes pa bâr sy'n gywir, o dystiolaeth yn y ffeil, yn dweud yn y log faint o leoliadau a osodwyd gan bob pâr a pham, ac yn cadw'r rheswm ar bob lleoliad (meysydd coord_source a coord_evidence; mae coord_conflict yn wir pan fo'r ddau bâr yn anghytuno).

Y rheolau, y dystiolaeth gryfaf yn gyntaf:
1. agree: mae'r parau o fewn y goddefiant (rhagosodiad 5 m) i'w gilydd: defnyddir easting/northing (nid oes angen trawsnewid datwm).
2. latlon_is_osgb36: mae'r latitude/longitude, o'u darllen fel OSGB36 (EPSG:4277), yn rhoi'r easting/northing yn ôl o fewn 1 m: cawsant eu trosi o'r easting/northing a'u labelu'n anghywir fel WGS84, felly defnyddir easting/northing.
3. en_datum_reversed: mae'r easting/northing yn hafal i'r latitude/longitude wedi'u trosi gyda symudiad datwm OSGB36/WGS84 wedi'i gymhwyso y ffordd anghywir (o fewn y goddefiant): defnyddir latitude/longitude.
4. own_borough: dim ond un o'r ddau leoliad sydd ym mwrdeistref y rhes ei hun (borough_code, neu fel arall borough_name, yn erbyn ffiniau bwrdeistrefi Llundain a ddaw gyda'r ategyn; mae mwy nag 20 m y tu allan yn cyfrif fel y tu allan): defnyddir hwnnw.
5. file_majority: nid oes dim ar y rhes yn penderfynu: defnyddir y pâr a ddangoswyd yn gywir gan resi'r ffeil sydd â thystiolaeth (rheolau 2 i 4).
6. no_evidence: nid oes dim yn penderfynu: defnyddir latitude/longitude ac mae'r rhes yn aros wedi'i nodi i'w gwirio.
Mae rhes gydag un pâr defnyddiadwy yn unig yn ei ddefnyddio; caiff latitude/longitude a ysgrifennwyd yn y drefn anghywir eu cyfnewid. Heb grid OSTN15, caiff latitude/longitude eu trosi gan ffit Helmert sydd 1.4 i 2.1 m o drawsnewidiad yr Arolwg Ordnans yn Llundain.

Caiff colofnau eu canfod yn ôl eu henw (mae eu trefn yn wahanol rhwng ffeiliau). Daw'r categori o'r paramedr Category, colofn 'category', enw'r ffeil neu enw'r haen GeoPackage. Mae llinynnau 'NA' yn wag; caiff UPRNau wedi'u talgrynnu eu cadw fel testun ond byth eu defnyddio fel allweddi; mae rhesi heb fwrdeistref yn cadw bwrdeistref wag; caiff mojibake (â€™) ei drwsio; caiff enwau bwrdeistrefi eu normaleiddio. Caiff ffeil gyda phennawd a dim rhesi ei darllen fel 0 lleoliad ac mae'r log yn dweud hynny. Caiff rhesi heb gyfesurynnau defnyddiadwy eu gwrthod gyda'r maes a'r gwerth. Caiff pob rhes ei mewnforio neu ei gwrthod. Mewn GeoPackage, caiff haenau nad ydynt yn bwyntiau lleoliadau (ardaloedd, parthau) eu hepgor a'u henwi yn y log; caiff haen heb golofnau cyfesurynnau ei lleoli gan ei geometreg. Mae ailfewnforio ffeil yn disodli lleoliadau'r ffeil honno.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="108"/>
        <source>A Cultural Infrastructure Map CSV or GeoPackage file, or its http(s) URL.</source>
        <translation>Ffeil CSV neu GeoPackage o'r Map Seilwaith Diwylliannol, neu ei URL http(s).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="111"/>
        <source>Category of every venue read; empty = a &apos;category&apos; column, the file name, or each GeoPackage layer&apos;s name.</source>
        <translation>Categori pob lleoliad a ddarllenir; gwag = colofn 'category', enw'r ffeil, neu enw pob haen GeoPackage.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="119"/>
        <source>GeoPackage layers</source>
        <translation>Haenau GeoPackage</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="119"/>
        <source>For a GeoPackage: the layers (categories) to import, separated by commas; empty = every layer. The log lists the layers left out.</source>
        <translation>Ar gyfer GeoPackage: yr haenau (categorïau) i'w mewnforio, wedi'u gwahanu gan gomas; gwag = pob haen. Mae'r log yn rhestru'r haenau a hepgorwyd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="128"/>
        <source>Coordinate agreement tolerance (m)</source>
        <translation>Goddefiant cytuno rhwng cyfesurynnau (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="128"/>
        <source>Easting/northing and latitude/longitude closer than this agree; further apart, the row is flagged and the pair kept is decided by the rules in the help. The default allows for the few metres of the Helmert datum conversion used without the OSTN15 grid.</source>
        <translation>Mae easting/northing a latitude/longitude sy'n agosach na hyn yn cytuno; os ydynt ymhellach oddi wrth ei gilydd, caiff y rhes ei nodi a phenderfynir pa bâr a gedwir gan y rheolau yn y cymorth. Mae'r rhagosodiad yn caniatáu ar gyfer yr ychydig fetrau o'r trawsnewid datwm Helmert a ddefnyddir heb grid OSTN15.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="164"/>
        <source>{read} rows read; {en} venues placed by easting/northing, {ll} by latitude/longitude; {flagged} rows whose pairs disagree are flagged (coord_conflict).</source>
        <translation>Darllenwyd {read} rhes; {en} lleoliad wedi'u lleoli yn ôl easting/northing, {ll} yn ôl latitude/longitude; {flagged} rhes y mae eu parau'n anghytuno wedi'u nodi (coord_conflict).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="175"/>
        <source>{n} rows: the coordinate pairs disagree and nothing decides which is right (coord_evidence = no_evidence): check them.</source>
        <translation>{n} rhes: mae'r parau cyfesurynnau'n anghytuno ac nid oes dim yn penderfynu pa un sy'n gywir (coord_evidence = no_evidence): gwiriwch nhw.</translation>
    </message>
</context>
<context>
    <name>ImportFibreSpine</name>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="116"/>
        <source>Import full-fibre spine</source>
        <translation>Mewnforio asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="140"/>
        <source>A line layer file, or an http(s) URL of one.</source>
        <translation>Ffeil haen linell, neu URL http(s) i un.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="150"/>
        <source>Layer name (multi-layer files)</source>
        <translation>Enw'r haen (ffeiliau aml-haen)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="150"/>
        <source>For a GeoPackage or other multi-layer file: the layer to read; empty = the first.</source>
        <translation>Ar gyfer GeoPackage neu ffeil aml-haen arall: yr haen i'w darllen; gwag = y gyntaf.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="185"/>
        <source>{n} line parts read from {f}</source>
        <translation>Darllenwyd {n} rhan linell o {f}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="106"/>
        <source>Line parts imported</source>
        <translation>Rhannau llinell wedi'u mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="106"/>
        <source>Spine length (km)</source>
        <translation>Hyd yr asgwrn cefn (km)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="106"/>
        <source>Features left out by the filter</source>
        <translation>Nodweddion wedi'u hepgor gan yr hidlydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="119"/>
        <source>Sets the full-fibre spine the opportunity checks measure against: any line layer (GeoJSON, GeoPackage, Shapefile, ... or an http(s) URL), kept in the store&apos;s &apos;fibre_spine&apos; layer in British National Grid.

Only lines that exist should be the spine. When the file also holds planned or closed lines (TfL&apos;s network file carries Crossrail 2 and a 2035 Thameslink service), give a FILTER expression that is true for the lines to keep; the features it leaves out are counted (LEFT_OUT) and named in the summary. For TfL&apos;s file, lines open this year:
{example}
A feature&apos;s properties are its attributes (lists and objects as QGIS arrays and maps), and &apos;name&apos; is the line name(s) the plugin shows. An expression naming a column the file does not have is an error.

Rules: the declared CRS is checked against the extent: latitude/longitude written in the wrong order, or British National Grid declared as WGS84, are detected and corrected (said in the log); an extent that is neither is an error. Multi-part lines become one record per part; empty parts, parts with fewer than two distinct points and non-line geometries are rejected with a reason. Features read = left out by the filter + rejected + imported. Re-importing the same file with the same filter changes nothing; a different filter replaces its lines.</source>
        <translation>Yn gosod yr asgwrn cefn ffeibr llawn y mae'r gwiriadau cyfleoedd yn mesur yn ei erbyn: unrhyw haen linell (GeoJSON, GeoPackage, Shapefile, ... neu URL http(s)), wedi'i chadw yn haen 'fibre_spine' y storfa yng Ngrid Cenedlaethol Prydain.

Dim ond llinellau sy'n bodoli ddylai fod yn asgwrn cefn. Pan fo'r ffeil hefyd yn cynnwys llinellau arfaethedig neu gaeedig (mae ffeil rhwydwaith TfL yn cynnwys Crossrail 2 a gwasanaeth Thameslink 2035), rhowch fynegiad FILTER sy'n wir ar gyfer y llinellau i'w cadw; caiff y nodweddion y mae'n eu hepgor eu cyfrif (LEFT_OUT) a'u henwi yn y crynodeb. Ar gyfer ffeil TfL, llinellau sydd ar agor eleni:
{example}
Priodweddau nodwedd yw ei phriodoleddau (rhestrau a gwrthrychau fel araeau a mapiau QGIS), a 'name' yw enw(au)'r llinell y mae'r ategyn yn eu dangos. Mae mynegiad sy'n enwi colofn nad yw yn y ffeil yn wall.

Rheolau: caiff y CRS a ddatganwyd ei wirio yn erbyn yr estyniad: caiff latitude/longitude a ysgrifennwyd yn y drefn anghywir, neu Grid Cenedlaethol Prydain a ddatganwyd fel WGS84, eu canfod a'u cywiro (nodir hyn yn y log); mae estyniad nad yw'n un na'r llall yn wall. Mae llinellau aml-ran yn troi'n un cofnod ar gyfer pob rhan; caiff rhannau gwag, rhannau gyda llai na dau bwynt gwahanol a geometregau nad ydynt yn llinellau eu gwrthod gyda rheswm. Nodweddion a ddarllenwyd = wedi'u hepgor gan yr hidlydd + wedi'u gwrthod + wedi'u mewnforio. Nid yw ailfewnforio'r un ffeil gyda'r un hidlydd yn newid dim; mae hidlydd gwahanol yn disodli ei llinellau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="141"/>
        <source>Keep only the lines where (expression)</source>
        <translation>Cadw dim ond y llinellau lle (mynegiad)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="141"/>
        <source>A QGIS expression on each feature&apos;s properties, true for the lines that form the spine (e.g. &quot;status&quot; = &apos;built&apos;); empty = every line. Features it leaves out are counted.</source>
        <translation>Mynegiad QGIS ar briodweddau pob nodwedd, sy'n wir ar gyfer y llinellau sy'n ffurfio'r asgwrn cefn (e.e. &quot;status&quot; = 'built'); gwag = pob llinell. Caiff y nodweddion y mae'n eu hepgor eu cyfrif.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="172"/>
        <source>FILTER {f!r} names column(s) {c} that {file} does not have; its columns are: {cols}</source>
        <translation>Mae FILTER {f!r} yn enwi colofn(au) {c} nad ydynt gan {file}; ei cholofnau yw: {cols}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="189"/>
        <source>{n} features left out by the filter {e}</source>
        <translation>{n} nodwedd wedi'u hepgor gan yr hidlydd {e}</translation>
    </message>
</context>
<context>
    <name>ImportForwardPlans</name>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="40"/>
        <source>Import forward plans</source>
        <translation>Mewnforio cynlluniau ymlaen llaw</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="76"/>
        <source>Forward plan (CSV or GeoPackage)</source>
        <translation>Cynllun ymlaen llaw (CSV neu GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="76"/>
        <source>The CSV template or a UK Future Works Profile GeoPackage.</source>
        <translation>Y templed CSV neu GeoPackage UK Future Works Profile.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="26"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="26"/>
        <source>Planned works imported</source>
        <translation>Gwaith arfaethedig wedi'i fewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="26"/>
        <source>Rows rejected</source>
        <translation>Rhesi wedi'u gwrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="26"/>
        <source>1 when already imported (nothing changed)</source>
        <translation>1 pan fo wedi'i fewnforio eisoes (dim wedi newid)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="26"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="84"/>
        <source>Text encoding of a CSV plan</source>
        <translation>Amgodiad testun cynllun CSV</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="84"/>
        <source>Leave empty to detect it (UTF-8, UTF-16, else Windows-1252, which also reads Latin-1); or name it, e.g. utf-8, cp1252, latin-1, utf-16.</source>
        <translation>Gadewch yn wag i'w ganfod (UTF-8, UTF-16, neu fel arall Windows-1252, sydd hefyd yn darllen Latin-1); neu rhowch ei enw, e.e. utf-8, cp1252, latin-1, utf-16.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="43"/>
        <source>Checks your organisation&apos;s unpublished plans against everyone else&apos;s works: the plan is imported into the local store&apos;s works layer (source &apos;plan&apos;) next to Street Manager permits and Section 58 restrictions, so the clash and restriction checks see it. It is only ever written to your own store: nothing is uploaded.

Input: the CSV template (resources/templates/forward_plan_template.csv; columns plan_ref, programme, owner, utility_type, method, start_date, end_date, confidence, usrn, street_name, wkt in EPSG:27700) or a &apos;UK Future Works Profile&apos; GeoPackage (networklink + plannedprogramme, in any coordinate reference system the projection database knows).

Rules: a CSV&apos;s text encoding is detected (UTF-8, UTF-16, Windows-1252/Latin-1) unless you choose one, and the summary says which was used. Dates are calendar dates in London time; a date-time without an offset keeps the date written. A column named twice is refused. Rows with bad geometry (coordinates not finite, outside British National Grid&apos;s area of use, or longitude/latitude), unparseable dates, an end before the start, a non-numeric USRN, a plan_ref already used on an earlier line, or more or fewer fields than the header are listed in the rejects table with the line, field and reason; every row is imported or rejected. A damaged GeoPackage or an unknown coordinate system stops the import with a message and leaves the store unchanged.

Updating the plan: the newest file is the plan. Importing it replaces the plan it supersedes (the same file changed, or a newer file named like it, e.g. forward_plan_2026-05.gpkg after forward_plan_2026-04.gpkg), so a link or row taken out of the plan leaves the store: the checks no longer show its clashes and the next publish leaves it out of the register. Street Manager permits and works files are never touched. Rule: files whose names differ only in numbers, punctuation or extension are one plan, and a file that lists again more than half of another plan&apos;s references replaces that plan too; keep two plans apart by naming them differently (fibre_plan, duct_plan). The file imported last wins: importing an older file again brings its plan back. A file that would leave fewer than half of the plan&apos;s items is refused and the store is unchanged, unless &apos;Replace even if much smaller&apos; is ticked (REPLACE=true). The same file again changes nothing.</source>
        <translation>Yn gwirio cynlluniau heb eu cyhoeddi eich sefydliad yn erbyn gwaith pawb arall: caiff y cynllun ei fewnforio i haen gwaith y storfa leol (ffynhonnell 'plan') ochr yn ochr â thrwyddedau Street Manager a chyfyngiadau Adran 58, fel bod y gwiriadau gwrthdaro a chyfyngiadau yn ei weld. Dim ond i'ch storfa eich hun y caiff ei ysgrifennu byth: nid oes dim yn cael ei lanlwytho.

Mewnbwn: y templed CSV (resources/templates/forward_plan_template.csv; colofnau plan_ref, programme, owner, utility_type, method, start_date, end_date, confidence, usrn, street_name, wkt yn EPSG:27700) neu GeoPackage 'UK Future Works Profile' (networklink + plannedprogramme, mewn unrhyw system gyfesurynnau y mae'r gronfa ddata tafluniadau yn ei hadnabod).

Rheolau: caiff amgodiad testun CSV ei ganfod (UTF-8, UTF-16, Windows-1252/Latin-1) oni bai eich bod yn dewis un, ac mae'r crynodeb yn dweud pa un a ddefnyddiwyd. Dyddiadau calendr yn amser Llundain yw'r dyddiadau; mae dyddiad-amser heb wrthbwysiad yn cadw'r dyddiad a ysgrifennwyd. Caiff colofn a enwir ddwywaith ei gwrthod. Caiff rhesi gyda geometreg wallus (cyfesurynnau nad ydynt yn feidraidd, y tu allan i ardal ddefnydd Grid Cenedlaethol Prydain, neu hydred/lledred), dyddiadau na ellir eu dehongli, diwedd cyn y dechrau, USRN nad yw'n rhifol, plan_ref a ddefnyddiwyd eisoes ar linell gynharach, neu fwy neu lai o feysydd na'r pennawd eu rhestru yn nhabl y gwrthodiadau gyda'r llinell, y maes a'r rheswm; caiff pob rhes ei mewnforio neu ei gwrthod. Mae GeoPackage wedi'i ddifrodi neu system gyfesurynnau anhysbys yn atal y mewnforio gyda neges ac yn gadael y storfa heb ei newid.

Diweddaru'r cynllun: y ffeil fwyaf newydd yw'r cynllun. Mae ei mewnforio yn disodli'r cynllun y mae'n ei ddilyn (yr un ffeil wedi'i newid, neu ffeil fwy newydd ag enw tebyg, e.e. forward_plan_2026-05.gpkg ar ôl forward_plan_2026-04.gpkg), felly mae cyswllt neu res a dynnwyd o'r cynllun yn gadael y storfa: nid yw'r gwiriadau'n dangos ei wrthdaro mwyach ac mae'r cyhoeddiad nesaf yn ei adael allan o'r gofrestr. Ni chaiff trwyddedau Street Manager na ffeiliau gwaith byth eu cyffwrdd. Rheol: un cynllun yw ffeiliau nad yw eu henwau'n wahanol ond mewn rhifau, atalnodi neu estyniad, ac mae ffeil sy'n rhestru eto fwy na hanner cyfeirnodau cynllun arall yn disodli'r cynllun hwnnw hefyd; cadwch ddau gynllun ar wahân drwy eu henwi'n wahanol (fibre_plan, duct_plan). Y ffeil a fewnforiwyd olaf sy'n ennill: mae mewnforio ffeil hŷn eto yn dod â'i chynllun yn ôl. Caiff ffeil a fyddai'n gadael llai na hanner eitemau'r cynllun ei gwrthod ac nid yw'r storfa'n newid, oni bai bod 'Disodli hyd yn oed os yw'n llawer llai' wedi'i dicio (REPLACE=true). Nid yw'r un ffeil eto yn newid dim.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="94"/>
        <source>Replace even if much smaller</source>
        <translation>Disodli hyd yn oed os yw'n llawer llai</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="97"/>
        <source>A newer plan file normally replaces the plan it supersedes. When it would leave fewer than half of that plan&apos;s items (an empty, cut or wrong file), the import stops and the store is unchanged. Tick this when the smaller plan is right and should replace the earlier one.</source>
        <translation>Fel arfer mae ffeil cynllun fwy newydd yn disodli'r cynllun y mae'n ei ddilyn. Pan fyddai'n gadael llai na hanner eitemau'r cynllun hwnnw (ffeil wag, wedi'i thorri neu anghywir), mae'r mewnforio'n stopio ac nid yw'r storfa'n newid. Ticiwch hwn pan fo'r cynllun llai yn gywir ac y dylai ddisodli'r un cynharach.</translation>
    </message>
</context>
<context>
    <name>ImportOfcomCoverage</name>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="55"/>
        <source>Import Ofcom coverage (not-spots)</source>
        <translation>Mewnforio darpariaeth Ofcom (mannau digyswllt)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="122"/>
        <source>Postcode centroids (ONSPD CSV or URL)</source>
        <translation>Canolbwyntiau codau post (CSV ONSPD neu URL)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="122"/>
        <source>ONS Postcode Directory-layout CSV: pcds plus oseast1m/osnrth1m or lat/long.</source>
        <translation>CSV yng nghynllun Cyfeiriadur Codau Post yr ONS: pcds ynghyd ag oseast1m/osnrth1m neu lat/long.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="127"/>
        <source>Areas (output areas, LSOAs, boroughs)</source>
        <translation>Ardaloedd (ardaloedd allbwn, LSOAs, bwrdeistrefi)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="127"/>
        <source>When given, postcodes (or local authorities) are aggregated to these polygons.</source>
        <translation>Os cânt eu rhoi, caiff codau post (neu awdurdodau lleol) eu cyfuno i'r polygonau hyn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="136"/>
        <source>Area code field</source>
        <translation>Maes cod yr ardal</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="136"/>
        <source>The areas&apos; code field (e.g. LSOA11CD; GSS_CODE for the local-authority file).</source>
        <translation>Maes cod yr ardaloedd (e.e. LSOA11CD; GSS_CODE ar gyfer y ffeil awdurdodau lleol).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="142"/>
        <source>Area column of the centroid file</source>
        <translation>Colofn ardal y ffeil canolbwyntiau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="142"/>
        <source>e.g. lsoa11: assign postcodes to areas by code instead of by location.</source>
        <translation>e.e. lsoa11: neilltuo codau post i ardaloedd yn ôl cod yn lle yn ôl lleoliad.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="148"/>
        <source>Not-spot level</source>
        <translation>Lefel man digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="148"/>
        <source>USO / decent (10 Mbit/s)</source>
        <translation>USO / digonol (10 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="148"/>
        <source>Superfast (30 Mbit/s)</source>
        <translation>Cyflym iawn (30 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="148"/>
        <source>Gigabit</source>
        <translation>Gigabit</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="148"/>
        <source>The level premises should be able to get.</source>
        <translation>Y lefel y dylai eiddo allu ei chael.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="155"/>
        <source>Not-spot share (% of premises unable)</source>
        <translation>Cyfran man digyswllt (% o'r eiddo na allant)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="155"/>
        <source>A place is a not-spot when at least this % of its premises cannot get the level.</source>
        <translation>Mae man yn fan digyswllt pan na all o leiaf y % hwn o'i eiddo gael y lefel.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="191"/>
        <source>No postcode centroids given: postcodes have no location.</source>
        <translation>Ni roddwyd canolbwyntiau codau post: nid oes lleoliad gan y codau post.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="207"/>
        <source>AREA_CODE_FIELD is needed with AREAS</source>
        <translation>Mae angen AREA_CODE_FIELD gydag AREAS</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="214"/>
        <source>{n} invalid area polygons repaired</source>
        <translation>{n} polygon ardal annilys wedi'u trwsio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="216"/>
        <source>{n} located postcodes fall in no area</source>
        <translation>Nid yw {n} cod post a leolwyd mewn unrhyw ardal</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="235"/>
        <source>{n} postcodes have no location</source>
        <translation>Nid oes lleoliad gan {n} cod post</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="38"/>
        <source>Postcode records</source>
        <translation>Cofnodion codau post</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="38"/>
        <source>Postcodes with a location</source>
        <translation>Codau post gyda lleoliad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="38"/>
        <source>Postcodes with no location</source>
        <translation>Codau post heb leoliad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="38"/>
        <source>Areas with data</source>
        <translation>Ardaloedd gyda data</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="38"/>
        <source>Not-spots (places at or above the share)</source>
        <translation>Mannau digyswllt (mannau ar y gyfran neu'n uwch)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="38"/>
        <source>All-premises files read</source>
        <translation>Ffeiliau pob eiddo a ddarllenwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="38"/>
        <source>Residential files read</source>
        <translation>Ffeiliau preswyl a ddarllenwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="38"/>
        <source>Files left out</source>
        <translation>Ffeiliau wedi'u hepgor</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="58"/>
        <source>Maps broadband not-spots from Ofcom Connected Nations data: the places where too many premises cannot get a chosen speed.

Give the data as Ofcom publishes it, on disk or as an http(s) address: the whole download ZIP (since 2025 it holds a second ZIP with the postcode files; both are read), a ZIP of postcode files, one postcode CSV, the local-authority CSV, or a mobile coverage CSV.

Ofcom publishes each file twice: for all premises (postcode_files/) and for homes only (postcode_res_files/, file names with _res_). PREMISES chooses which; the two are never mixed, and a single CSV whose name marks the other kind is refused. The log and the outputs say how many files of each kind were read and how many were left out (the other kind, files at other geographies such as output areas or constituencies, and members that are not CSV files).

To place postcodes on the map, give a postcode-centroid CSV (ONS Postcode Directory layout: pcds with oseast1m/osnrth1m or lat/long), or area polygons (AREAS) to sum postcodes into (the area containing the centroid, or the area named by LOOKUP_COLUMN of the centroid file, e.g. lsoa11; figures are premises-weighted means). Postcodes with no location are counted and listed.

A not-spot is a place where at least MIN_SHARE % of premises cannot get the chosen level. USO (10 Mbit/s): &apos;% of premises unable to receive decent broadband from fixed or FWA&apos;, else &apos;% of premises unable to receive 10Mbit/s&apos;; superfast (30 Mbit/s): &apos;% of premises unable to receive 30Mbit/s&apos;, else 100 - &apos;SFBB availability (% premises)&apos;; gigabit: 100 - &apos;Gigabit availability (% premises)&apos;. The level and share are stamped in the layer.

The rules:
- Columns: a file is refused only when a column the import needs is missing: &apos;postcode&apos; (or &apos;postcode_space&apos;) in postcode files, &apos;laua&apos; in the local-authority file, and a column of the chosen level. Ofcom left some fields out of postcode files from July 2024: when the level cannot be computed, the message names the missing column. Other columns Ofcom adds or drops between releases (e.g. &apos;% of premises with NGA&apos;, the FWA columns) are ignored and listed in the log.
- Values: blank and N/A are empty; &apos;&lt;4&apos; (small counts hidden by Ofcom) is empty and listed in &apos;suppressed&apos;; a value that is not a number, a negative figure or a percentage over 100 rejects the row, with the reason.
- Rows: a postcode (or authority) listed twice is read once when both rows agree; when they differ, neither is imported and both are rejected. A row with too few or too many fields, or a repeated header row, is rejected.
- Cut files: a file that ends in the middle of a row (a last row with too few fields, a quote never closed) stops the import with a message naming the line; the store is unchanged. A last row with no line break after it may have lost the end of its last figure: it is rejected.
- ZIP files are checked before anything is read: a truncated or damaged archive, members named with &apos;..&apos; or an absolute path, ZIPs nested more than two deep, and zip bombs (a file expanding past 512 MB, 2 GB in all, or more than 200 times its packed size) are refused whole, naming the limit.</source>
        <translation>Yn mapio mannau digyswllt band eang o ddata Connected Nations Ofcom: y mannau lle na all gormod o eiddo gael cyflymder a ddewiswyd.

Rhowch y data fel y mae Ofcom yn ei gyhoeddi, ar ddisg neu fel cyfeiriad http(s): y ZIP llwytho i lawr cyfan (ers 2025 mae'n cynnwys ail ZIP gyda'r ffeiliau codau post; caiff y ddau eu darllen), ZIP o ffeiliau codau post, un CSV codau post, y CSV awdurdodau lleol, neu CSV darpariaeth symudol.

Mae Ofcom yn cyhoeddi pob ffeil ddwywaith: ar gyfer pob eiddo (postcode_files/) ac ar gyfer cartrefi yn unig (postcode_res_files/, enwau ffeiliau gyda _res_). Mae PREMISES yn dewis pa un; nid yw'r ddau byth yn cael eu cymysgu, a chaiff CSV unigol y mae ei enw'n nodi'r math arall ei wrthod. Mae'r log a'r allbynnau'n dweud faint o ffeiliau o bob math a ddarllenwyd a faint a hepgorwyd (y math arall, ffeiliau ar ddaearyddiaethau eraill fel ardaloedd allbwn neu etholaethau, ac aelodau nad ydynt yn ffeiliau CSV).

I leoli codau post ar y map, rhowch CSV canolbwyntiau codau post (cynllun Cyfeiriadur Codau Post yr ONS: pcds gydag oseast1m/osnrth1m neu lat/long), neu bolygonau ardal (AREAS) i grynhoi codau post iddynt (yr ardal sy'n cynnwys y canolbwynt, neu'r ardal a enwir gan LOOKUP_COLUMN y ffeil canolbwyntiau, e.e. lsoa11; mae'r ffigurau'n gymedrau wedi'u pwysoli yn ôl eiddo). Caiff codau post heb leoliad eu cyfrif a'u rhestru.

Man digyswllt yw man lle na all o leiaf MIN_SHARE % o'r eiddo gael y lefel a ddewiswyd. USO (10 Mbit/s): '% of premises unable to receive decent broadband from fixed or FWA', neu fel arall '% of premises unable to receive 10Mbit/s'; cyflym iawn (30 Mbit/s): '% of premises unable to receive 30Mbit/s', neu fel arall 100 - 'SFBB availability (% premises)'; gigabit: 100 - 'Gigabit availability (% premises)'. Caiff y lefel a'r gyfran eu stampio yn yr haen.

Y rheolau:
- Colofnau: dim ond pan fo colofn sydd ei hangen ar y mewnforio ar goll y caiff ffeil ei gwrthod: 'postcode' (neu 'postcode_space') mewn ffeiliau codau post, 'laua' yn y ffeil awdurdodau lleol, a cholofn ar gyfer y lefel a ddewiswyd. Gadawodd Ofcom rai meysydd allan o ffeiliau codau post o fis Gorffennaf 2024: pan na ellir cyfrifo'r lefel, mae'r neges yn enwi'r golofn sydd ar goll. Caiff colofnau eraill y mae Ofcom yn eu hychwanegu neu'n eu dileu rhwng datganiadau (e.e. '% of premises with NGA', y colofnau FWA) eu hanwybyddu a'u rhestru yn y log.
- Gwerthoedd: mae gwag ac N/A yn wag; mae '&lt;4' (niferoedd bach a guddiwyd gan Ofcom) yn wag ac wedi'i restru yn 'suppressed'; mae gwerth nad yw'n rhif, ffigur negatif neu ganran dros 100 yn gwrthod y rhes, gyda'r rheswm.
- Rhesi: caiff cod post (neu awdurdod) a restrir ddwywaith ei ddarllen unwaith pan fo'r ddwy res yn cytuno; pan fyddant yn wahanol, ni chaiff yr un ei mewnforio a chaiff y ddwy eu gwrthod. Caiff rhes gyda rhy ychydig neu ormod o feysydd, neu res pennawd a ailadroddir, ei gwrthod.
- Ffeiliau wedi'u torri: mae ffeil sy'n gorffen yng nghanol rhes (rhes olaf gyda rhy ychydig o feysydd, dyfynnod na chafodd ei gau) yn atal y mewnforio gyda neges sy'n enwi'r llinell; nid yw'r storfa'n newid. Efallai fod rhes olaf heb doriad llinell ar ei hôl wedi colli diwedd ei ffigur olaf: caiff ei gwrthod.
- Caiff ffeiliau ZIP eu gwirio cyn darllen dim: caiff archif wedi'i thorri neu wedi'i difrodi, aelodau a enwir gyda '..' neu lwybr absoliwt, ZIPau wedi'u nythu fwy na dwy lefel o ddyfnder, a bomiau zip (ffeil sy'n ehangu y tu hwnt i 512 MB, 2 GB i gyd, neu fwy na 200 gwaith ei maint cywasgedig) eu gwrthod yn gyfan, gan enwi'r terfyn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="104"/>
        <source>Ofcom&apos;s download ZIP (nested ZIPs are read), a ZIP of Ofcom CSVs, one Ofcom CSV, or an http(s) address of one.</source>
        <translation>ZIP llwytho i lawr Ofcom (caiff ZIPau nythog eu darllen), ZIP o ffeiliau CSV Ofcom, un CSV Ofcom, neu gyfeiriad http(s) i un.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="110"/>
        <source>Premises</source>
        <translation>Eiddo</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="110"/>
        <source>All premises (postcode_files)</source>
        <translation>Pob eiddo (postcode_files)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="110"/>
        <source>Residential premises only (postcode_res_files)</source>
        <translation>Eiddo preswyl yn unig (postcode_res_files)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="110"/>
        <source>Ofcom publishes every file for all premises and for homes only; the import reads one kind and leaves the other out (counted in the log).</source>
        <translation>Mae Ofcom yn cyhoeddi pob ffeil ar gyfer pob eiddo ac ar gyfer cartrefi yn unig; mae'r mewnforio'n darllen un math ac yn hepgor y llall (wedi'i gyfrif yn y log).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="180"/>
        <source>Files read: {a} all-premises, {r} residential; {o} left out</source>
        <translation>Ffeiliau a ddarllenwyd: {a} pob eiddo, {r} preswyl; {o} wedi'u hepgor</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="227"/>
        <source>{f}: no usable records ({n} rejected{first}); the store is unchanged</source>
        <translation>{f}: dim cofnodion y gellir eu defnyddio ({n} wedi'u gwrthod{first}); nid yw'r storfa wedi newid</translation>
    </message>
</context>
<context>
    <name>ImportPlanningSites</name>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="64"/>
        <source>Import planning sites (Planning London Datahub)</source>
        <translation>Mewnforio safleoedd cynllunio (Planning London Datahub)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Grid-origin centroids flagged (excluded from analysis)</source>
        <translation>Canolbwyntiau ar darddbwynt y grid wedi'u nodi (wedi'u hepgor o'r dadansoddiad)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Sites with a polygon</source>
        <translation>Safleoedd gyda pholygon</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Planning sites read</source>
        <translation>Safleoedd cynllunio a ddarllenwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Records read (every hit of every file)</source>
        <translation>Cofnodion a ddarllenwyd (pob canlyniad o bob ffeil)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Applications the searches matched</source>
        <translation>Ceisiadau a gafodd eu paru gan y chwiliadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Matched applications not in the files</source>
        <translation>Ceisiadau a gafodd eu paru nad ydynt yn y ffeiliau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Identical copies left out</source>
        <translation>Copïau unfath wedi'u hepgor</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Polygons rejected (the site kept)</source>
        <translation>Polygonau wedi'u gwrthod (y safle wedi'i gadw)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Files or pages read</source>
        <translation>Ffeiliau neu dudalennau a ddarllenwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Conservation areas imported (own layer)</source>
        <translation>Ardaloedd cadwraeth wedi'u mewnforio (haen eu hunain)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="28"/>
        <source>Sites left as stored (the store&apos;s version is newer)</source>
        <translation>Safleoedd wedi'u gadael fel y maent yn y storfa (mae fersiwn y storfa'n fwy newydd)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="67"/>
        <source>Brings planning applications into the store, so you can see which development sites lie in connectivity not-spots or near planned works.

What you can give it:
- a response saved from the Planning London Datahub (JSON), or several of them, or a folder of them: each response holds one page of a search, so give every page to get every application. An application found in two files is kept once (the copy updated last);
- the Datahub&apos;s search address (https://planningdata.london.gov.uk/api-guest/applications/_search, optionally with q=... to narrow it): every page is fetched;
- a planning.data.gov.uk GeoJSON of planning applications or brownfield land;
- a conservation-area GeoJSON (planning.data.gov.uk, or a council&apos;s own with the same fields): conservation areas are not sites but a real constraint on street works, so they go to a layer of their own, &apos;conservation_areas&apos;.
Local-authority outlines and other datasets are refused with a message naming the dataset.

What it tells you: how many records were read, imported, rejected (with the reason, in the rejects table) and left out as identical copies; and, when a response says its search matched more applications than the files hold, how many are missing.

The rules:
- Several paths are separated by &apos;;&apos;. In a folder, the .json and .geojson files are read in name order; other files are listed as not read.
- Each application is kept once, by its id: an identical copy is left out and counted; a different version loses to the one whose last_updated is later and is listed as a reject. Imports add to what the store holds: an application already stored is replaced only by a version updated as late or later, so importing pages in any order gives the same result, and an empty or partial response never removes sites.
- A search address is fetched page by page with GET and the Elasticsearch from/size parameters (PAGE_SIZE per page), until the stated total. Elasticsearch serves at most the first 10,000 hits of one search that way: narrow larger searches with q=. The Datahub&apos;s own clients send the query as a POST body, which this import cannot send: if the Datahub refuses GET, save the pages from its website and import the folder.
- Location: the site polygon (wgs84_polygon, or polygon in British National Grid) when it has one, else the centroid (lat/lon), else centroid_easting/centroid_northing. Coordinates are checked first (finite numbers inside Great Britain, rings closed with at least 4 positions): a faulty polygon is a reject for the field polygon and the site is kept at its centroid; a site with no usable location is rejected.
- Centroids at the British National Grid origin (49.7668, -7.5572, or easting/northing 0, 0) are placeholders: those sites are kept with centroid_suspect = true and no geometry, so the analysis leaves them out.
- planning.data.gov.uk: decision-date, planning-application-status, planning-decision and planning-application-type are kept; for brownfield land, maximum-net-dwellings goes to units and planning-permission-status/-type/-date to status, application type and decision date. organisation-entity is a number, kept in organisation_entity (lpa_name stays empty). A conservation area keeps its reference, name, designation date (start-date) and end date (set when it was cancelled); a later entry-date replaces an earlier one.
- &apos;planning_sites&apos; holds one point per site (its centroid, or a point inside its polygon); &apos;planning_site_polygons&apos; the polygons. &apos;units&apos; is application_details.residential_details.total_no_proposed_residential_units.</source>
        <translation>Yn dod â cheisiadau cynllunio i'r storfa, fel y gallwch weld pa safleoedd datblygu sydd mewn mannau digyswllt neu'n agos at waith arfaethedig.

Beth y gallwch ei roi iddo:
- ymateb a gadwyd o'r Planning London Datahub (JSON), neu sawl un, neu ffolder ohonynt: mae pob ymateb yn cynnwys un dudalen o chwiliad, felly rhowch bob tudalen i gael pob cais. Caiff cais a geir mewn dwy ffeil ei gadw unwaith (y copi a ddiweddarwyd olaf);
- cyfeiriad chwilio'r Datahub (https://planningdata.london.gov.uk/api-guest/applications/_search, gyda q=... yn ddewisol i'w gyfyngu): caiff pob tudalen ei nôl;
- GeoJSON planning.data.gov.uk o geisiadau cynllunio neu dir llwyd;
- GeoJSON ardaloedd cadwraeth (planning.data.gov.uk, neu un cyngor ei hun gyda'r un meysydd): nid safleoedd yw ardaloedd cadwraeth ond cyfyngiad go iawn ar waith stryd, felly maen nhw'n mynd i haen eu hunain, 'conservation_areas'.
Caiff ffiniau awdurdodau lleol a setiau data eraill eu gwrthod gyda neges sy'n enwi'r set ddata.

Beth mae'n ei ddweud wrthych: faint o gofnodion a ddarllenwyd, a fewnforiwyd, a wrthodwyd (gyda'r rheswm, yn nhabl y gwrthodiadau) ac a hepgorwyd fel copïau unfath; a, phan fo ymateb yn dweud bod ei chwiliad wedi paru mwy o geisiadau nag sydd yn y ffeiliau, faint sydd ar goll.

Y rheolau:
- Caiff sawl llwybr eu gwahanu gan ';'. Mewn ffolder, caiff y ffeiliau .json a .geojson eu darllen yn nhrefn eu henwau; caiff ffeiliau eraill eu rhestru fel rhai heb eu darllen.
- Caiff pob cais ei gadw unwaith, yn ôl ei id: caiff copi unfath ei hepgor a'i gyfrif; mae fersiwn wahanol yn colli i'r un y mae ei last_updated yn hwyrach ac yn cael ei rhestru fel gwrthodiad. Mae mewnforion yn ychwanegu at yr hyn sydd yn y storfa: dim ond fersiwn a ddiweddarwyd ar yr un pryd neu'n hwyrach sy'n disodli cais sydd eisoes yn y storfa, felly mae mewnforio tudalennau mewn unrhyw drefn yn rhoi'r un canlyniad, ac nid yw ymateb gwag neu rannol byth yn dileu safleoedd.
- Caiff cyfeiriad chwilio ei nôl fesul tudalen gyda GET a pharamedrau from/size Elasticsearch (PAGE_SIZE y dudalen), hyd at y cyfanswm a nodir. Dim ond y 10,000 o ganlyniadau cyntaf o un chwiliad y mae Elasticsearch yn eu rhoi fel hyn: cyfyngwch chwiliadau mwy gyda q=. Mae cleientiaid y Datahub ei hun yn anfon yr ymholiad fel corff POST, na all y mewnforio hwn ei anfon: os yw'r Datahub yn gwrthod GET, cadwch y tudalennau o'i wefan a mewnforiwch y ffolder.
- Lleoliad: polygon y safle (wgs84_polygon, neu polygon yng Ngrid Cenedlaethol Prydain) pan fo ganddo un, neu fel arall y canolbwynt (lat/lon), neu fel arall centroid_easting/centroid_northing. Caiff cyfesurynnau eu gwirio yn gyntaf (rhifau meidraidd y tu mewn i Brydain Fawr, cylchoedd wedi'u cau gydag o leiaf 4 safle): mae polygon diffygiol yn wrthodiad ar gyfer y maes polygon a chaiff y safle ei gadw ar ei ganolbwynt; caiff safle heb leoliad defnyddiadwy ei wrthod.
- Mae canolbwyntiau ar darddbwynt Grid Cenedlaethol Prydain (49.7668, -7.5572, neu easting/northing 0, 0) yn ddalfannau: caiff y safleoedd hynny eu cadw gyda centroid_suspect = true a dim geometreg, felly mae'r dadansoddiad yn eu hepgor.
- planning.data.gov.uk: caiff decision-date, planning-application-status, planning-decision a planning-application-type eu cadw; ar gyfer tir llwyd, mae maximum-net-dwellings yn mynd i units a planning-permission-status/-type/-date i statws, math o gais a dyddiad penderfyniad. Rhif yw organisation-entity, a gaiff ei gadw yn organisation_entity (mae lpa_name yn aros yn wag). Mae ardal gadwraeth yn cadw ei chyfeirnod, ei henw, ei dyddiad dynodi (start-date) a'i dyddiad gorffen (a osodir pan gafodd ei chanslo); mae entry-date hwyrach yn disodli un cynharach.
- Mae 'planning_sites' yn cynnwys un pwynt ar gyfer pob safle (ei ganolbwynt, neu bwynt y tu mewn i'w bolygon); 'planning_site_polygons' y polygonau. 'units' yw application_details.residential_details.total_no_proposed_residential_units.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="119"/>
        <source>A Planning London Datahub JSON response, several separated by &apos;;&apos;, a folder of them, a planning.data.gov.uk GeoJSON (planning applications, brownfield land or conservation areas), the URL of such a file, or the Datahub&apos;s search address (.../applications/_search) to fetch every page.</source>
        <translation>Ymateb JSON Planning London Datahub, sawl un wedi'u gwahanu gan ';', ffolder ohonynt, GeoJSON planning.data.gov.uk (ceisiadau cynllunio, tir llwyd neu ardaloedd cadwraeth), URL ffeil o'r fath, neu gyfeiriad chwilio'r Datahub (.../applications/_search) i nôl pob tudalen.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="127"/>
        <source>Hits per page when fetching a search address</source>
        <translation>Canlyniadau fesul tudalen wrth nôl cyfeiriad chwilio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="127"/>
        <source>How many applications each request asks for (Elasticsearch &apos;size&apos;); a size in the address itself wins. Only used with a search address.</source>
        <translation>Faint o geisiadau y mae pob cais am ddata yn gofyn amdanynt ('size' Elasticsearch); mae maint yn y cyfeiriad ei hun yn cael blaenoriaeth. Dim ond gyda chyfeiriad chwilio y caiff ei ddefnyddio.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="149"/>
        <source>No input file or URL given</source>
        <translation>Ni roddwyd ffeil fewnbwn nac URL</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="185"/>
        <source>{read} records read: {sites} planning sites ({written} written to {t}, {older} left as stored because the store holds a version updated later), {rej} rejected, {dup} identical copies left out; {flag} flagged with a grid-origin centroid (kept, not mapped); {pf} polygons rejected (those sites kept, at their centroid where they have no other polygon).</source>
        <translation>Darllenwyd {read} cofnod: {sites} safle cynllunio ({written} wedi'u hysgrifennu i {t}, {older} wedi'u gadael fel y maent am fod gan y storfa fersiwn a ddiweddarwyd yn hwyrach), {rej} wedi'u gwrthod, {dup} copi unfath wedi'u hepgor; {flag} wedi'u nodi gyda chanolbwynt ar darddbwynt y grid (wedi'u cadw, heb eu mapio); {pf} polygon wedi'u gwrthod (y safleoedd hynny wedi'u cadw, ar eu canolbwynt pan nad oes ganddynt bolygon arall).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="202"/>
        <source>{n} conservation areas read into {t}, a layer of their own (areas, not planning sites): {w} written, {o} left as stored (the store&apos;s entry is later).</source>
        <translation>Darllenwyd {n} ardal gadwraeth i {t}, haen eu hunain (ardaloedd, nid safleoedd cynllunio): {w} wedi'u hysgrifennu, {o} wedi'u gadael fel y maent (mae cofnod y storfa'n hwyrach).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="207"/>
        <source>The responses say their searches matched {total} applications: {missing} of them are not in the files read.</source>
        <translation>Mae'r ymatebion yn dweud bod eu chwiliadau wedi paru {total} o geisiadau: nid yw {missing} ohonynt yn y ffeiliau a ddarllenwyd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="215"/>
        <source>... and {n} more in the store&apos;s rejects table</source>
        <translation>... a {n} arall yn nhabl gwrthodiadau'r storfa</translation>
    </message>
</context>
<context>
    <name>ImportStreetManager</name>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="68"/>
        <source>Import Street Manager archive</source>
        <translation>Mewnforio archif Street Manager</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="107"/>
        <source>Archive, folder or JSON file</source>
        <translation>Archif, ffolder neu ffeil JSON</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="121"/>
        <source>…or archive address (http/https)</source>
        <translation>…neu gyfeiriad yr archif (http/https)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="121"/>
        <source>Downloaded with QGIS&apos;s network settings (proxy, authentication) into the store&apos;s download cache, resumed when interrupted, and not downloaded again when unchanged. INPUT may also be given an address directly.</source>
        <translation>Caiff ei llwytho i lawr gyda gosodiadau rhwydwaith QGIS (dirprwy, dilysu) i storfa lwytho i lawr y storfa, caiff ei hailddechrau os caiff ei thorri, ac ni chaiff ei llwytho i lawr eto os nad yw wedi newid. Gellir hefyd rhoi cyfeiriad yn uniongyrchol i INPUT.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="130"/>
        <source>London highway authorities only</source>
        <translation>Awdurdodau priffyrdd Llundain yn unig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="46"/>
        <source>Section 58 restrictions</source>
        <translation>Cyfyngiadau Adran 58</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="46"/>
        <source>Events read</source>
        <translation>Digwyddiadau a ddarllenwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="46"/>
        <source>Permits kept from this input</source>
        <translation>Trwyddedau a gadwyd o'r mewnbwn hwn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="46"/>
        <source>Restrictions kept from this input</source>
        <translation>Cyfyngiadau a gadwyd o'r mewnbwn hwn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="71"/>
        <source>Loads the street works and Section 58 restrictions that the Department for Transport publishes from Street Manager, so that you can look for clashes and dig-once chances. Give it a monthly archive (ZIP), a folder of monthly archives or of event files, one event file, a saved notification from the live feed, or the address of a monthly archive. Months can be imported in any order and again: each permit keeps its latest state. The log and the summary say how many records were read, kept, rejected and left out, and why.

The exact rules:
- Each file is one event about a permit or a Section 58 restriction. Each permit keeps its latest event (by event time, ties by event reference), also against what the store already holds. Section 58 records go to the restrictions layer. Events about other objects (e.g. fixed penalty notices) are counted and skipped.
- A saved SNS notification (the event as JSON text in its Message field, or an SQS message holding one in Body) is unwrapped and read as the event it holds.
- London only: a record is in London when its highway_authority_swa_code is one of the 32 boroughs, the City of London (5030 to 5990) or Transport for London (20). Only a record with no code is judged by its highway_authority name (any case, '&amp;' or 'AND'). Records left out are counted, by authority, in the log and in OUTSIDE_LONDON.
- Code lists grow: a value that is not in the plugin's lists (a new activity type, a new status) is kept as it is written (as a lower-case code) and listed as a warning with its field. 'Not provided' and any other value of a Yes/No field that is not Yes or No are stored as empty (NULL), with a warning. Neither ever loses a permit. WARNINGS counts them.
- 2020-era events name the actual start and end actual_start_date and actual_end_date: both names are read.
- A record whose geometry, dates, USRN or reference cannot be read is rejected and listed in the store's rejects table with file, record, field and reason.
- Files in a folder or archive members that are not .json or .zip files are not read; they are counted in NOT_EVENT_FILES and named in the log.
- An archive that cannot be read whole (truncated, damaged, unsafe member names, zip bomb) is refused whole and the store is left unchanged, as after a cancel. Importing the same files with the same options again changes nothing.

Contains Street Manager data © Department for Transport (Open Government Licence v3).</source>
        <translation>Yn llwytho'r gwaith stryd a'r cyfyngiadau Adran 58 y mae'r Adran Drafnidiaeth yn eu cyhoeddi o Street Manager, fel y gallwch chwilio am wrthdaro a chyfleoedd i gloddio unwaith. Rhowch archif fisol (ZIP), ffolder o archifau misol neu o ffeiliau digwyddiadau, un ffeil digwyddiad, hysbysiad a gadwyd o'r ffrwd fyw, neu gyfeiriad archif fisol. Gellir mewnforio misoedd mewn unrhyw drefn a'u mewnforio eto: mae pob trwydded yn cadw ei chyflwr diweddaraf. Mae'r log a'r crynodeb yn dweud faint o gofnodion a ddarllenwyd, a gadwyd, a wrthodwyd ac a hepgorwyd, a pham.

Y rheolau manwl:
- Mae pob ffeil yn un digwyddiad am drwydded neu gyfyngiad Adran 58. Mae pob trwydded yn cadw ei digwyddiad diweddaraf (yn ôl amser y digwyddiad, ac os yn gyfartal yn ôl cyfeirnod y digwyddiad), hefyd o'i gymharu â'r hyn sydd eisoes yn y storfa. Mae cofnodion Adran 58 yn mynd i'r haen cyfyngiadau. Caiff digwyddiadau am wrthrychau eraill (e.e. hysbysiadau cosb benodedig) eu cyfrif a'u hepgor.
- Caiff hysbysiad SNS a gadwyd (y digwyddiad fel testun JSON yn ei faes Message, neu neges SQS sy'n cynnwys un yn Body) ei ddadlapio a'i ddarllen fel y digwyddiad y mae'n ei gynnwys.
- Llundain yn unig: mae cofnod yn Llundain pan fo ei highway_authority_swa_code yn un o'r 32 bwrdeistref, Dinas Llundain (5030 i 5990) neu Transport for London (20). Dim ond cofnod heb god a gaiff ei farnu yn ôl enw ei highway_authority (unrhyw briflythrennau, '&amp;' neu 'AND'). Caiff cofnodion a hepgorwyd eu cyfrif, fesul awdurdod, yn y log ac yn OUTSIDE_LONDON.
- Mae rhestrau codau'n tyfu: caiff gwerth nad yw yn rhestrau'r ategyn (math newydd o weithgaredd, statws newydd) ei gadw fel y'i hysgrifennwyd (fel cod mewn llythrennau bach) a'i restru fel rhybudd gyda'i faes. Caiff 'Not provided' ac unrhyw werth arall mewn maes Yes/No nad yw'n Yes neu No eu storio'n wag (NULL), gyda rhybudd. Nid yw'r naill na'r llall byth yn colli trwydded. Mae WARNINGS yn eu cyfrif.
- Mae digwyddiadau o gyfnod 2020 yn enwi'r dechrau a'r diwedd gwirioneddol yn actual_start_date ac actual_end_date: caiff y ddau enw eu darllen.
- Caiff cofnod na ellir darllen ei geometreg, ei ddyddiadau, ei USRN neu ei gyfeirnod ei wrthod a'i restru yn nhabl gwrthodiadau'r storfa gyda'r ffeil, y cofnod, y maes a'r rheswm.
- Ni chaiff ffeiliau mewn ffolder neu aelodau archif nad ydynt yn ffeiliau .json neu .zip eu darllen; cânt eu cyfrif yn NOT_EVENT_FILES a'u henwi yn y log.
- Caiff archif na ellir ei darllen yn gyfan (wedi'i thorri, wedi'i difrodi, enwau aelodau anniogel, bom zip) ei gwrthod yn gyfan a chaiff y storfa ei gadael heb ei newid, fel ar ôl canslo. Nid yw mewnforio'r un ffeiliau gyda'r un opsiynau eto yn newid dim.

Yn cynnwys data Street Manager © Yr Adran Drafnidiaeth (Trwydded Llywodraeth Agored v3).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="107"/>
        <source>Street Manager archive or event (*.zip *.json);;Folder or any file (*)</source>
        <translation>Archif neu ddigwyddiad Street Manager (*.zip *.json);;Ffolder neu unrhyw ffeil (*)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="107"/>
        <source>A Street Manager monthly ZIP, a folder (of monthly ZIPs and/or event files, read with its sub-folders), one JSON event file or saved notification, or an http(s) address.</source>
        <translation>ZIP misol Street Manager, ffolder (o ZIPau misol a/neu ffeiliau digwyddiadau, wedi'i darllen gyda'i is-ffolderi), un ffeil digwyddiad JSON neu hysbysiad a gadwyd, neu gyfeiriad http(s).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="130"/>
        <source>Keep only records of the 32 boroughs, the City of London and Transport for London, told by the highway authority&apos;s street-works (SWA) code, or by its name when a record has no code. The records left out are counted by authority in the log.</source>
        <translation>Cadw cofnodion y 32 bwrdeistref, Dinas Llundain a Transport for London yn unig, a adnabyddir wrth god gwaith stryd (SWA) yr awdurdod priffyrdd, neu wrth ei enw pan nad oes cod gan gofnod. Caiff y cofnodion a hepgorwyd eu cyfrif fesul awdurdod yn y log.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="46"/>
        <source>Events left out as outside London</source>
        <translation>Digwyddiadau wedi'u hepgor am eu bod y tu allan i Lundain</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="46"/>
        <source>Events of other objects skipped</source>
        <translation>Digwyddiadau gwrthrychau eraill wedi'u hepgor</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="46"/>
        <source>Values kept with a warning</source>
        <translation>Gwerthoedd a gadwyd gyda rhybudd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="46"/>
        <source>Files not read (not event files)</source>
        <translation>Ffeiliau heb eu darllen (nid ffeiliau digwyddiadau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="188"/>
        <source>{n} events read from {f} files: {w} permit events and {r} Section 58 events kept, {x} rejected (see the rejects table), {o} outside London, {k} of other objects.</source>
        <translation>Darllenwyd {n} digwyddiad o {f} ffeil: cadwyd {w} digwyddiad trwydded a {r} digwyddiad Adran 58, {x} wedi'u gwrthod (gweler tabl y gwrthodiadau), {o} y tu allan i Lundain, {k} am wrthrychau eraill.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="203"/>
        <source>Left out as outside London, by highway authority:</source>
        <translation>Wedi'u hepgor am eu bod y tu allan i Lundain, yn ôl awdurdod priffyrdd:</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="205"/>
        <source>  {a}: {n} events</source>
        <translation>  {a}: {n} digwyddiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="207"/>
        <source>{n} values kept with a warning (the permits are imported):</source>
        <translation>{n} gwerth wedi'u cadw gyda rhybudd (caiff y trwyddedau eu mewnforio):</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="211"/>
        <source>  {f} = {v!r}: {what}, {n} times (first in event {e})</source>
        <translation>  {f} = {v!r}: {what}, {n} gwaith (y cyntaf yn nigwyddiad {e})</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="217"/>
        <source>{n} files not read because they are not event files (.json or .zip):</source>
        <translation>{n} ffeil heb eu darllen am nad ydynt yn ffeiliau digwyddiadau (.json neu .zip):</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="226"/>
        <source>  and {n} more</source>
        <translation>  a {n} arall</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="160"/>
        <source>Read in {n} worker processes.</source>
        <translation>Darllenwyd mewn {n} proses weithio.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="162"/>
        <source>The worker processes could not start ({e}): the archive was read in one process (slower, same result).</source>
        <translation>Ni allai'r prosesau gweithio ddechrau ({e}): darllenwyd yr archif mewn un broses (arafach, yr un canlyniad).</translation>
    </message>
</context>
<context>
    <name>ImportWorks</name>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Works reference field</source>
        <translation>Maes cyfeirnod y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Start date field</source>
        <translation>Maes y dyddiad dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>End date field</source>
        <translation>Maes y dyddiad gorffen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Promoter / owner field</source>
        <translation>Maes yr hyrwyddwr / perchennog</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Street name field</source>
        <translation>Maes enw'r stryd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>USRN field</source>
        <translation>Maes USRN</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Works category field</source>
        <translation>Maes categori'r gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Works status field</source>
        <translation>Maes statws y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Activity / works type field</source>
        <translation>Maes y gweithgaredd / math o waith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Permit status field</source>
        <translation>Maes statws y drwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Work (scheme) reference field</source>
        <translation>Maes cyfeirnod y gwaith (cynllun)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Start date (a date field or text such as 2026-03-16).</source>
        <translation>Dyddiad dechrau (maes dyddiad neu destun fel 2026-03-16).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>End date (a date field or text); an end before the start is rejected.</source>
        <translation>Dyddiad gorffen (maes dyddiad neu destun); caiff diwedd cyn y dechrau ei wrthod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Who does the works (your organisation or contractor).</source>
        <translation>Pwy sy'n gwneud y gwaith (eich sefydliad neu gontractwr).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Street name.</source>
        <translation>Enw'r stryd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Works category (e.g. major, standard, minor, immediate); stored as a code.</source>
        <translation>Categori'r gwaith (e.e. major, standard, minor, immediate); caiff ei storio fel cod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Status of the work (e.g. Planned, Approved); stored as a code (&apos;planned&apos;).</source>
        <translation>Statws y gwaith (e.e. Planned, Approved); caiff ei storio fel cod ('planned').</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Kind of activity (e.g. Mains renewal); stored as a code.</source>
        <translation>Math o weithgaredd (e.e. Mains renewal); caiff ei storio fel cod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Permit status, when your file has one; stored as a code.</source>
        <translation>Statws y drwydded, pan fo gan eich ffeil un; caiff ei storio fel cod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="46"/>
        <source>Import works file</source>
        <translation>Mewnforio ffeil gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="33"/>
        <source>Works imported</source>
        <translation>Gwaith wedi'i fewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="49"/>
        <source>Brings works other than Street Manager&apos;s into the local store, so the clash and restriction checks see them next to the permits: your organisation&apos;s own works register, a street works export from EToN/Elgin, or National Highways&apos; planned roadworks.

Input: any point, line or polygon layer QGIS reads (GeoPackage, GeoJSON, Shapefile ...), a CSV file with a WKT or EWKT column (SRID=27700;POINT(...)) or X/Y columns, or a National Highways planned roadworks XML file (HE_PLANNED_WORKS). An EToN/Elgin export (works_ref, e__start_date, e__location_bng ...) and National Highways&apos; file are recognised and need no field mapping; for other files map your fields: a works reference, start and end dates are required, the rest optional (a column already named like the canonical field, e.g. start_date, is used when no field is chosen).

Rules: each work is stored with permit_ref &apos;works:&lt;reference&gt;&apos; (National Highways: &apos;nh:&lt;event number&gt;&apos;, source &apos;national_highways&apos;). Coordinates are reprojected to EPSG:27700; a file whose coordinates do not fit its declared CRS (degrees declared as British National Grid, or metres declared as degrees) is refused with one message: set the layer&apos;s or the CRS parameter&apos;s CRS. A CSV is read by the plugin itself, every row accounted for, whatever mix of points, lines and polygons it holds. Dates are London calendar dates; a date-time without an offset (2018-06-12 23:59:59, 22-APR-2025 22:00) keeps the date written. Rows with a missing or duplicate reference, a missing, unreadable or non-finite geometry, coordinates outside British National Grid&apos;s area of use or in longitude/latitude, missing or unparseable dates, an end before the start, a non-numeric USRN or the wrong number of CSV fields are listed in the store&apos;s rejects table with the field and reason. With the London filter, works that do not touch a London borough (within 50 m) are counted as left out, not imported. Records read = imported + rejected + left out. Importing the file again replaces its works; the same content with the same settings changes nothing. Cancelling leaves the store unchanged.</source>
        <translation>Yn dod â gwaith heblaw gwaith Street Manager i'r storfa leol, fel bod y gwiriadau gwrthdaro a chyfyngiadau yn ei weld ochr yn ochr â'r trwyddedau: cofrestr gwaith eich sefydliad eich hun, allforiad gwaith stryd o EToN/Elgin, neu waith ffordd arfaethedig National Highways.

Mewnbwn: unrhyw haen pwyntiau, llinellau neu bolygonau y mae QGIS yn ei darllen (GeoPackage, GeoJSON, Shapefile ...), ffeil CSV gyda cholofn WKT neu EWKT (SRID=27700;POINT(...)) neu golofnau X/Y, neu ffeil XML gwaith ffordd arfaethedig National Highways (HE_PLANNED_WORKS). Caiff allforiad EToN/Elgin (works_ref, e__start_date, e__location_bng ...) a ffeil National Highways eu hadnabod ac nid oes angen mapio meysydd arnynt; ar gyfer ffeiliau eraill mapiwch eich meysydd: mae angen cyfeirnod gwaith, dyddiad dechrau a dyddiad gorffen, mae'r gweddill yn ddewisol (defnyddir colofn sydd eisoes ag enw fel y maes canonaidd, e.e. start_date, pan na ddewisir maes).

Rheolau: caiff pob gwaith ei storio gyda permit_ref 'works:&lt;reference&gt;' (National Highways: 'nh:&lt;event number&gt;', ffynhonnell 'national_highways'). Caiff cyfesurynnau eu haildaflunio i EPSG:27700; caiff ffeil nad yw ei chyfesurynnau'n cyd-fynd â'r CRS a ddatganwyd (graddau wedi'u datgan fel Grid Cenedlaethol Prydain, neu fetrau wedi'u datgan fel graddau) ei gwrthod gydag un neges: gosodwch CRS yr haen neu CRS y paramedr CRS. Caiff CSV ei ddarllen gan yr ategyn ei hun, gan gyfrif am bob rhes, beth bynnag fo'r cymysgedd o bwyntiau, llinellau a pholygonau sydd ynddo. Dyddiadau calendr Llundain yw'r dyddiadau; mae dyddiad-amser heb wrthbwysiad (2018-06-12 23:59:59, 22-APR-2025 22:00) yn cadw'r dyddiad a ysgrifennwyd. Caiff rhesi gyda chyfeirnod coll neu ddyblyg, geometreg goll, annarllenadwy neu anfeidraidd, cyfesurynnau y tu allan i ardal ddefnydd Grid Cenedlaethol Prydain neu mewn hydred/lledred, dyddiadau coll neu na ellir eu dehongli, diwedd cyn y dechrau, USRN nad yw'n rhifol neu'r nifer anghywir o feysydd CSV eu rhestru yn nhabl gwrthodiadau'r storfa gyda'r maes a'r rheswm. Gyda hidlydd Llundain, caiff gwaith nad yw'n cyffwrdd â bwrdeistref yn Llundain (o fewn 50 m) ei gyfrif fel gwaith a hepgorwyd, heb ei fewnforio. Cofnodion a ddarllenwyd = wedi'u mewnforio + wedi'u gwrthod + wedi'u hepgor. Mae mewnforio'r ffeil eto yn disodli ei gwaith; nid yw'r un cynnwys gyda'r un gosodiadau yn newid dim. Mae canslo yn gadael y storfa heb ei newid.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="77"/>
        <source>Works layer or file</source>
        <translation>Haen neu ffeil gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="77"/>
        <source>Your works: any point, line or polygon layer QGIS can read, in any CRS (reprojected to EPSG:27700); or the path of a CSV file (WKT/EWKT or X/Y columns; EToN/Elgin exports recognised) or of a National Highways planned roadworks XML file.</source>
        <translation>Eich gwaith: unrhyw haen pwyntiau, llinellau neu bolygonau y gall QGIS ei darllen, mewn unrhyw CRS (wedi'i haildaflunio i EPSG:27700); neu lwybr ffeil CSV (colofnau WKT/EWKT neu X/Y; caiff allforion EToN/Elgin eu hadnabod) neu ffeil XML gwaith ffordd arfaethedig National Highways.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="96"/>
        <source>WKT / EWKT geometry column (CSV)</source>
        <translation>Colofn geometreg WKT / EWKT (CSV)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="96"/>
        <source>X / easting column (CSV)</source>
        <translation>Colofn X / easting (CSV)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="96"/>
        <source>Y / northing column (CSV)</source>
        <translation>Colofn Y / northing (CSV)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="88"/>
        <source>CRS of a CSV file&apos;s coordinates</source>
        <translation>CRS cyfesurynnau ffeil CSV</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="88"/>
        <source>For a CSV file given by its path: the CRS of its coordinates; empty = EPSG:27700 (British National Grid), or EPSG:4326 for longitude/latitude columns. An EWKT value&apos;s own SRID wins.</source>
        <translation>Ar gyfer ffeil CSV a roddir drwy ei llwybr: CRS ei chyfesurynnau; gwag = EPSG:27700 (Grid Cenedlaethol Prydain), neu EPSG:4326 ar gyfer colofnau hydred/lledred. Mae SRID gwerth EWKT ei hun yn cael blaenoriaeth.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="96"/>
        <source>Text encoding of a CSV file</source>
        <translation>Amgodiad testun ffeil CSV</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="96"/>
        <source>Empty = detected (UTF-8, UTF-16, else Windows-1252); or e.g. utf-8, cp1252, latin-1.</source>
        <translation>Gwag = wedi'i ganfod (UTF-8, UTF-16, neu fel arall Windows-1252); neu e.e. utf-8, cp1252, latin-1.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="102"/>
        <source>Keep only works in London</source>
        <translation>Cadw gwaith yn Llundain yn unig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="102"/>
        <source>Automatic: yes for National Highways&apos; national file, no for other files</source>
        <translation>Awtomatig: ie ar gyfer ffeil genedlaethol National Highways, na ar gyfer ffeiliau eraill</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="102"/>
        <source>Yes: leave out works outside London (counted)</source>
        <translation>Ie: hepgor gwaith y tu allan i Lundain (wedi'i gyfrif)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="102"/>
        <source>No: import everything</source>
        <translation>Na: mewnforio popeth</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="102"/>
        <source>A work is in London when it lies in a London borough or within 50 m of one. Works left out are counted in the result (LEFT_OUT) and the summary, never dropped silently.</source>
        <translation>Mae gwaith yn Llundain pan fo mewn bwrdeistref yn Llundain neu o fewn 50 m i un. Caiff gwaith a hepgorwyd ei gyfrif yn y canlyniad (LEFT_OUT) ac yn y crynodeb, byth ei ollwng yn dawel.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="33"/>
        <source>Works left out by the London filter</source>
        <translation>Gwaith wedi'i hepgor gan hidlydd Llundain</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="128"/>
        <source>Incorrect parameter value for {name}</source>
        <translation>Gwerth paramedr anghywir ar gyfer {name}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Unique reference of each work in your file; stored as permit_ref &apos;works:&lt;value&gt;&apos;.</source>
        <translation>Cyfeirnod unigryw pob gwaith yn eich ffeil; caiff ei storio fel permit_ref 'works:&lt;value&gt;'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>Unique Street Reference Number (number or digits); lets analyses match streets.</source>
        <translation>Cyfeirnod Stryd Unigryw (USRN: rhif neu ddigidau); mae'n galluogi dadansoddiadau i baru strydoedd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="15"/>
        <source>A scheme or work reference shared by several rows (default: the works reference).</source>
        <translation>Cyfeirnod cynllun neu waith a rennir gan sawl rhes (rhagosodiad: cyfeirnod y gwaith).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="96"/>
        <source>For a CSV file: the column holding the geometry as WKT or EWKT (SRID=27700;LINESTRING(...)). Empty = a column named wkt, geometry ... or X/Y columns.</source>
        <translation>Ar gyfer ffeil CSV: y golofn sy'n cynnwys y geometreg fel WKT neu EWKT (SRID=27700;LINESTRING(...)). Gwag = colofn o'r enw wkt, geometry ... neu golofnau X/Y.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="96"/>
        <source>For a CSV file with point coordinates in two columns: the X (easting, longitude) one.</source>
        <translation>Ar gyfer ffeil CSV gyda chyfesurynnau pwyntiau mewn dwy golofn: yr un X (easting, hydred).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_roles.py" line="96"/>
        <source>For a CSV file with point coordinates in two columns: the Y (northing, latitude) one.</source>
        <translation>Ar gyfer ffeil CSV gyda chyfesurynnau pwyntiau mewn dwy golofn: yr un Y (northing, lledred).</translation>
    </message>
</context>
<context>
    <name>PlanningInputs</name>
    <message>
        <location filename="../processing_algorithms/_planning_inputs.py" line="67"/>
        <source>Input file {p} does not exist</source>
        <translation>Nid yw'r ffeil fewnbwn {p} yn bodoli</translation>
    </message>
</context>
<context>
    <name>PublishToRegister</name>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="38"/>
        <source>Publish my works and plans to the shared register</source>
        <translation>Cyhoeddi fy ngwaith a'm cynlluniau i'r gofrestr a rennir</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="41"/>
        <source>Puts your organisation&apos;s works and forward plans from your Dig Once store into the shared register, so that clashes and dig-once opportunities with other organisations&apos; plans are found early, by you and by them. Choose who may see their detail: private (only your organisation; others learn only that a match exists and whom to contact), shared (every organisation of the register) or public.

Publishing again replaces all of your organisation&apos;s rows in the register: plans you removed from your store are removed from the register. The replacement is all-or-nothing: if the connection is lost or you cancel, the register keeps the rows it had. Other organisations&apos; rows are never touched (the register&apos;s row-level security would refuse it).

WHAT: your plans and your own works files (default; Street Manager permits, which are other promoters&apos; public records, are left out), your plans only, or every work in the store.

Works the matcher cannot use (no geometry, no dates, end before start, coordinates that are not numbers) are published with the reason and counted (UNUSABLE), never dropped. Invalid polygons are repaired as digonce:findworksoverlaps repairs them. Geometries are sent in EPSG:27700, in 2D.</source>
        <translation>Yn rhoi gwaith a chynlluniau ymlaen llaw eich sefydliad o'ch storfa Dig Once yn y gofrestr a rennir, fel bod gwrthdaro a chyfleoedd i gloddio unwaith gyda chynlluniau sefydliadau eraill yn cael eu canfod yn gynnar, gennych chi a ganddyn nhw. Dewiswch pwy gaiff weld eu manylion: preifat (eich sefydliad chi yn unig; dim ond bod cyfatebiaeth yn bodoli a phwy i gysylltu â nhw y mae eraill yn ei ddysgu), a rennir (pob sefydliad yn y gofrestr) neu gyhoeddus.

Mae cyhoeddi eto yn disodli holl resi eich sefydliad yn y gofrestr: caiff cynlluniau a dynnwyd gennych o'ch storfa eu tynnu o'r gofrestr. Mae'r disodli'n digwydd yn gyfan neu ddim o gwbl: os collir y cysylltiad neu os byddwch yn canslo, mae'r gofrestr yn cadw'r rhesi a oedd ganddi. Ni chaiff rhesi sefydliadau eraill byth eu cyffwrdd (byddai diogelwch lefel rhes y gofrestr yn gwrthod hynny).

WHAT: eich cynlluniau a'ch ffeiliau gwaith eich hun (rhagosodiad; caiff trwyddedau Street Manager, sy'n gofnodion cyhoeddus hyrwyddwyr eraill, eu hepgor), eich cynlluniau yn unig, neu bob gwaith yn y storfa.

Caiff gwaith na all y paru ei ddefnyddio (dim geometreg, dim dyddiadau, diwedd cyn y dechrau, cyfesurynnau nad ydynt yn rhifau) ei gyhoeddi gyda'r rheswm a'i gyfrif (UNUSABLE), byth ei ollwng. Caiff polygonau annilys eu trwsio fel y mae digonce:findworksoverlaps yn eu trwsio. Caiff geometregau eu hanfon yn EPSG:27700, mewn 2D.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>Who may see the detail</source>
        <translation>Pwy gaiff weld y manylion</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>private: my organisation only (others see only that a match exists)</source>
        <translation>preifat: fy sefydliad i yn unig (dim ond bod cyfatebiaeth yn bodoli y mae eraill yn ei weld)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>shared: every organisation of the register</source>
        <translation>a rennir: pob sefydliad yn y gofrestr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>public: everyone who may read the register</source>
        <translation>cyhoeddus: pawb sy'n cael darllen y gofrestr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>Visibility of every row published in this run.</source>
        <translation>Gwelededd pob rhes a gyhoeddir yn y rhediad hwn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>What to publish</source>
        <translation>Beth i'w gyhoeddi</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>my plans and works files (not Street Manager permits)</source>
        <translation>fy nghynlluniau a'm ffeiliau gwaith (nid trwyddedau Street Manager)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>my plans only</source>
        <translation>fy nghynlluniau yn unig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>every work in the store</source>
        <translation>pob gwaith yn y storfa</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="63"/>
        <source>Which works of the store are yours to publish.</source>
        <translation>Pa waith yn y storfa sy'n eiddo i chi i'w gyhoeddi.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="87"/>
        <source>Works published</source>
        <translation>Gwaith a gyhoeddwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="87"/>
        <source>Published but unusable for matching</source>
        <translation>Wedi'i gyhoeddi ond yn anaddas ar gyfer paru</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="87"/>
        <source>Store works not published (WHAT)</source>
        <translation>Gwaith y storfa heb ei gyhoeddi (WHAT)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="87"/>
        <source>Publication number</source>
        <translation>Rhif y cyhoeddiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="108"/>
        <source>{store}: {n} works, {k} to publish, {m} left out by WHAT</source>
        <translation>{store}: {n} o waith, {k} i'w cyhoeddi, {m} wedi'u hepgor gan WHAT</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="127"/>
        <source>Cancelled: the register keeps the rows it had.</source>
        <translation>Wedi'i ganslo: mae'r gofrestr yn cadw'r rhesi a oedd ganddi.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/publish_to_register.py" line="131"/>
        <source>Publication {id} of {org}: {n} works ({visibility}); {u} cannot be matched and say why</source>
        <translation>Cyhoeddiad {id} gan {org}: {n} o waith ({visibility}); ni ellir paru {u}, ac mae'r rheswm wedi'i nodi</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../processing_algorithms/report.py" line="51"/>
        <source>Write the Dig Once report (HTML)</source>
        <translation>Ysgrifennu adroddiad Dig Once (HTML)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>Overlap pairs</source>
        <translation>Parau gorgyffwrdd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>The pairs output of Find works overlaps (kind, owners, ids, group).</source>
        <translation>Allbwn parau Find works overlaps (math, perchnogion, idau, grŵp).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>Coordination groups</source>
        <translation>Grwpiau cydlynu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>The groups output of Find works overlaps (owners, dates, days saved).</source>
        <translation>Allbwn grwpiau Find works overlaps (perchnogion, dyddiadau, diwrnodau a arbedwyd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>The works layer (canonical fields: permit_ref, start_date) for the map and the clash dates.</source>
        <translation>Haen y gwaith (meysydd canonaidd: permit_ref, start_date) ar gyfer y map a dyddiadau'r gwrthdaro.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>Coverage gaps</source>
        <translation>Bylchau yn y ddarpariaeth</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>The output of Find coverage gaps (gap_class, and a borough field).</source>
        <translation>Allbwn Find coverage gaps (gap_class, a maes bwrdeistref).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>Not-spots</source>
        <translation>Mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>The not-spot places (is_notspot, and a borough field such as laua_name).</source>
        <translation>Y mannau digyswllt (is_notspot, a maes bwrdeistref fel laua_name).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>Full-fibre spine</source>
        <translation>Asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="86"/>
        <source>The fibre spine lines, drawn on the map.</source>
        <translation>Llinellau'r asgwrn cefn ffeibr, wedi'u llunio ar y map.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="96"/>
        <source>Store (for the data sources)</source>
        <translation>Storfa (ar gyfer y ffynonellau data)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="96"/>
        <source>The store whose catalogue lists the data sources; empty = the plugin&apos;s store when it exists.</source>
        <translation>Y storfa y mae ei chatalog yn rhestru'r ffynonellau data; gwag = storfa'r ategyn os yw'n bodoli.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="100"/>
        <source>Title</source>
        <translation>Teitl</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="100"/>
        <source>The report&apos;s title; empty = &apos;Dig Once report&apos;.</source>
        <translation>Teitl yr adroddiad; gwag = 'Adroddiad Dig Once'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="103"/>
        <source>Map width (pixels)</source>
        <translation>Lled y map (picseli)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="103"/>
        <source>Width of the map image; its height follows the area&apos;s shape (at most 0.8 of the width).</source>
        <translation>Lled delwedd y map; mae ei huchder yn dilyn siâp yr ardal (0.8 o'r lled ar y mwyaf).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="106"/>
        <source>Groups listed</source>
        <translation>Grwpiau a restrir</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="113"/>
        <source>Report</source>
        <translation>Adroddiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="113"/>
        <source>HTML files (*.html)</source>
        <translation>Ffeiliau HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="113"/>
        <source>The HTML file to write (one file: images and charts are inside it).</source>
        <translation>Y ffeil HTML i'w hysgrifennu (un ffeil: mae'r delweddau a'r siartiau y tu mewn iddi).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="115"/>
        <source>Layers drawn on the map</source>
        <translation>Haenau wedi'u llunio ar y map</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="11"/>
        <source>Dig Once report</source>
        <translation>Adroddiad Dig Once</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="12"/>
        <source>Generated {when}</source>
        <translation>Cynhyrchwyd {when}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="13"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="14"/>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="15"/>
        <source>Map of the works, clashes, coordination groups, fibre spine and not-spots</source>
        <translation>Map o'r gwaith, y gwrthdaro, y grwpiau cydlynu, yr asgwrn cefn ffeibr a'r mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="16"/>
        <source>No map: no layer with a geometry was given.</source>
        <translation>Dim map: ni roddwyd haen gyda geometreg.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="75"/>
        <source>Group</source>
        <translation>Grŵp</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="77"/>
        <source>Owners</source>
        <translation>Perchnogion</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="78"/>
        <source>First start</source>
        <translation>Dechrau cyntaf</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="79"/>
        <source>Last end</source>
        <translation>Diwedd olaf</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="80"/>
        <source>Clashes</source>
        <translation>Gwrthdaro</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="81"/>
        <source>Opportunities</source>
        <translation>Cyfleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="83"/>
        <source>Clashes per week</source>
        <translation>Gwrthdaro fesul wythnos</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="84"/>
        <source>Clashes per promoter</source>
        <translation>Gwrthdaro fesul hyrwyddwr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="85"/>
        <source>Week of</source>
        <translation>Wythnos yn dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="86"/>
        <source>Promoter</source>
        <translation>Hyrwyddwr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="89"/>
        <source>Borough</source>
        <translation>Bwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="90"/>
        <source>Total</source>
        <translation>Cyfanswm</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="91"/>
        <source>Not-spot share by borough</source>
        <translation>Cyfran mannau digyswllt yn ôl bwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="92"/>
        <source>Share of places in a not-spot (%)</source>
        <translation>Cyfran y mannau sydd mewn man digyswllt (%)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="93"/>
        <source>Parameters</source>
        <translation>Paramedrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="94"/>
        <source>Layer</source>
        <translation>Haen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="95"/>
        <source>Algorithm</source>
        <translation>Algorithm</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="96"/>
        <source>Run at</source>
        <translation>Rhedwyd am</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="97"/>
        <source>Data sources</source>
        <translation>Ffynonellau data</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="100"/>
        <source>Kind</source>
        <translation>Math</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="101"/>
        <source>Source</source>
        <translation>Ffynhonnell</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="102"/>
        <source>Imported</source>
        <translation>Wedi'i fewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="103"/>
        <source>Rejected</source>
        <translation>Wedi'i wrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="104"/>
        <source>When</source>
        <translation>Pryd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="105"/>
        <source>Nothing to show.</source>
        <translation>Dim i'w ddangos.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="106"/>
        <source>Other</source>
        <translation>Arall</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="107"/>
        <source>(unknown)</source>
        <translation>(anhysbys)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="108"/>
        <source>Dig Once. Contains Street Manager data © Department for Transport, Ofcom and GLA data (Open Government Licence v3.0).</source>
        <translation>Dig Once. Yn cynnwys data Street Manager © Yr Adran Drafnidiaeth, a data Ofcom a'r GLA (Trwydded Llywodraeth Agored v3.0).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="109"/>
        <source>en</source>
        <translation>cy</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="119"/>
        <source>Cancelled</source>
        <translation>Wedi'i ganslo</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="126"/>
        <source>Give at least one layer: pairs, groups, works, coverage gaps, not-spots or the spine.</source>
        <translation>Rhowch o leiaf un haen: parau, grwpiau, gwaith, bylchau yn y ddarpariaeth, mannau digyswllt neu'r asgwrn cefn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="138"/>
        <source>Reading the layers</source>
        <translation>Yn darllen yr haenau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="173"/>
        <source>Rendering the map</source>
        <translation>Yn llunio'r map</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="194"/>
        <source>Report written to {0}</source>
        <translation>Ysgrifennwyd yr adroddiad i {0}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="167"/>
        <source>The store {0} cannot be read: {1}</source>
        <translation>Methu darllen y storfa {0}: {1}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="19"/>
        <source>Sites in not-spots</source>
        <translation>Safleoedd mewn mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="54"/>
        <source>Writes one self-contained HTML file (the map embedded as an image, charts as inline SVG, no external requests) that prints cleanly to PDF from a browser.

Give any of the result layers (at least one): the pairs and groups of 'Find works overlaps', the works, the coverage gaps of 'Find coverage gaps', the not-spots and the fibre spine. For the coordination meeting give the pairs, the groups and the works.

The report shows a map of the layers given; the coordination groups ranked by days of disruption avoided, each with its place (street names and USRNs, borough), a map of the group (its works, the shortest links between them, the borough outline, and the basemap when BASEMAP is given), its figures and a table of its works (reference, promoter, category, traffic management, dates, status), immediate works (emergency or urgent) marked IMMEDIATE; the benefits of sharing the trench; clashes per week (the week the later of the two works starts) and per promoter; coverage-gap sites by class and borough; the not-spot share by borough; the parameters stamped in each result (algorithm, time of the run) and the data sources.

Borough: a place's borough field when it has one, else the London borough outline shipped with the plugin holding it (GLA Statistical GIS Boundary Files, OGL); a group's borough is the one holding most of its works, within 100 m of an outline.

Benefits, per group (d = end - start + 1 days of each works): days of disruption avoided = sum of d - the longest d (one shared opening as long as the longest works: an upper bound); street-days planned = sum of d. With PREMISES: the premises (points) within REACH metres of any of the group's works, and their households (HOUSEHOLDS_FIELD, e.g. postcode household counts; 1 per point without it); wellbeing value = days avoided x households x VALUE_PER_HOUSEHOLD_DAY (default £1.61, the figure of the GLA Infrastructure Coordination Service's public benefits prototype). With LANE_RENTAL: works within LANE_RENTAL_DISTANCE of a lane-rental street are charged; charges avoided = (sum of d - the longest d over the charged works) x LANE_RENTAL_CHARGE. With BUS_STOPS (NaPTAN Stops.csv, stop types BCT, BCS, BCQ in use): stops within REACH. Totals add the groups. The report lists which inputs were given and every factor.</source>
        <translation>Yn ysgrifennu un ffeil HTML hunangynhwysol (y map wedi'i fewnosod fel delwedd, siartiau fel SVG mewnol, dim ceisiadau allanol) sy'n argraffu'n lân i PDF o borwr.

Rhowch unrhyw un o'r haenau canlyniadau (o leiaf un): parau a grwpiau 'Find works overlaps', y gwaith, bylchau darpariaeth 'Find coverage gaps', y mannau digyswllt a'r asgwrn cefn ffeibr. Ar gyfer y cyfarfod cydlynu rhowch y parau, y grwpiau a'r gwaith.

Mae'r adroddiad yn dangos map o'r haenau a roddwyd; y grwpiau cydlynu wedi'u trefnu yn ôl y diwrnodau o darfu a osgowyd, pob un gyda'i leoliad (enwau strydoedd ac USRNau, bwrdeistref), map o'r grŵp (ei waith, y cysylltiadau byrraf rhyngddynt, ffin y fwrdeistref, a'r map sylfaen pan roddir BASEMAP), ei ffigurau a thabl o'i waith (cyfeirnod, hyrwyddwr, categori, rheoli traffig, dyddiadau, statws), gyda gwaith ar unwaith (argyfwng neu frys) wedi'i nodi IMMEDIATE; manteision rhannu'r ffos; gwrthdaro fesul wythnos (yr wythnos y mae'r hwyraf o'r ddau waith yn dechrau) a fesul hyrwyddwr; safleoedd bylchau darpariaeth yn ôl dosbarth a bwrdeistref; cyfran y mannau digyswllt yn ôl bwrdeistref; y paramedrau a stampiwyd ym mhob canlyniad (algorithm, amser y rhediad) a'r ffynonellau data.

Bwrdeistref: maes bwrdeistref man pan fo ganddo un, neu fel arall y ffin bwrdeistref yn Llundain a ddaw gyda'r ategyn sy'n ei gynnwys (GLA Statistical GIS Boundary Files, OGL); bwrdeistref grŵp yw'r un sy'n cynnwys y rhan fwyaf o'i waith, o fewn 100 m i ffin.

Manteision, fesul grŵp (d = diwedd - dechrau + 1 diwrnod ar gyfer pob gwaith): diwrnodau o darfu a osgowyd = swm d - y d hiraf (un agoriad a rennir sydd mor hir â'r gwaith hiraf: terfyn uchaf); diwrnodau stryd arfaethedig = swm d. Gyda PREMISES: yr eiddo (pwyntiau) o fewn REACH metr i unrhyw un o waith y grŵp, a'u haelwydydd (HOUSEHOLDS_FIELD, e.e. nifer yr aelwydydd fesul cod post; 1 ar gyfer pob pwynt hebddo); gwerth llesiant = diwrnodau a osgowyd x aelwydydd x VALUE_PER_HOUSEHOLD_DAY (rhagosodiad £1.61, y ffigur o brototeip manteision cyhoeddus Gwasanaeth Cydlynu Seilwaith yr GLA). Gyda LANE_RENTAL: codir tâl ar waith o fewn LANE_RENTAL_DISTANCE i stryd rhentu lonydd; taliadau a osgowyd = (swm d - y d hiraf dros y gwaith â thâl) x LANE_RENTAL_CHARGE. Gyda BUS_STOPS (NaPTAN Stops.csv, mathau o arosfannau BCT, BCS, BCQ mewn defnydd): arosfannau o fewn REACH. Mae'r cyfansymiau'n adio'r grwpiau. Mae'r adroddiad yn rhestru pa fewnbynnau a roddwyd a phob ffactor.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="106"/>
        <source>How many coordination groups the report lists, each with its page, most days avoided first.</source>
        <translation>Faint o grwpiau cydlynu y mae'r adroddiad yn eu rhestru, pob un gyda'i dudalen, y rhai sy'n osgoi'r nifer mwyaf o ddiwrnodau yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="109"/>
        <source>Basemap for the group maps</source>
        <translation>Map sylfaen ar gyfer mapiau'r grwpiau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="109"/>
        <source>A layer drawn under each group&apos;s map (e.g. an XYZ tile layer); empty = no basemap.</source>
        <translation>Haen a lunnir o dan fap pob grŵp (e.e. haen teils XYZ); gwag = dim map sylfaen.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="17"/>
        <source>Coordination groups, most disruption avoided first</source>
        <translation>Grwpiau cydlynu, y rhai sy'n osgoi'r mwyaf o darfu yn gyntaf</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="20"/>
        <source>One group is one meeting: works linked by clashes or dig-once opportunities. Days avoided = the days of the separate works added up minus those of one shared opening as long as the longest (an upper bound: it assumes the works fit in one opening).</source>
        <translation>Un grŵp yw un cyfarfod: gwaith wedi'i gysylltu gan wrthdaro neu gyfleoedd i gloddio unwaith. Diwrnodau a osgowyd = diwrnodau'r gwaith ar wahân wedi'u hadio llai diwrnodau un agoriad a rennir sydd mor hir â'r hiraf (terfyn uchaf: mae'n tybio bod y gwaith yn ffitio mewn un agoriad).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="21"/>
        <source>Rank</source>
        <translation>Trefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="22"/>
        <source>Where</source>
        <translation>Ble</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="23"/>
        <source>Street-days planned</source>
        <translation>Diwrnodau stryd arfaethedig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="24"/>
        <source>Households within reach</source>
        <translation>Aelwydydd o fewn cyrraedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="25"/>
        <source>Premises within reach</source>
        <translation>Eiddo o fewn cyrraedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="26"/>
        <source>Wellbeing value (£)</source>
        <translation>Gwerth llesiant (£)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="27"/>
        <source>Lane-rental charges avoided (£)</source>
        <translation>Taliadau rhentu lonydd a osgowyd (£)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="28"/>
        <source>Days on charged streets avoided</source>
        <translation>Diwrnodau ar strydoedd â thâl a osgowyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="29"/>
        <source>Bus stops within reach</source>
        <translation>Arosfannau bysiau o fewn cyrraedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="31"/>
        <source>outside the London boroughs</source>
        <translation>y tu allan i fwrdeistrefi Llundain</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="32"/>
        <source>Map of group {group}: its works, the links between them and the borough outline</source>
        <translation>Map o grŵp {group}: ei waith, y cysylltiadau rhyngddynt a ffin y fwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="33"/>
        <source>Where group {group} lies in {borough}</source>
        <translation>Lleoliad grŵp {group}: {borough}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="34"/>
        <source>Works of the group</source>
        <translation>Gwaith y grŵp</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="35"/>
        <source>Reference</source>
        <translation>Cyfeirnod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="36"/>
        <source>No. on the map</source>
        <translation>Rhif ar y map</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="37"/>
        <source>Category</source>
        <translation>Categori</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="38"/>
        <source>Immediate or planned</source>
        <translation>Ar unwaith neu arfaethedig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="39"/>
        <source>IMMEDIATE ({category})</source>
        <translation>AR UNWAITH ({category})</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="40"/>
        <source>planned</source>
        <translation>arfaethedig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="41"/>
        <source>Immediate works (emergency or urgent) in the group</source>
        <translation>Gwaith ar unwaith (argyfwng neu frys) yn y grŵp</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="42"/>
        <source>Immediate works start without advance notice; several in one group may be worth asking about.</source>
        <translation>Mae gwaith ar unwaith yn dechrau heb rybudd ymlaen llaw; efallai y byddai'n werth holi am sawl un mewn un grŵp.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="43"/>
        <source>Traffic management</source>
        <translation>Rheoli traffig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="44"/>
        <source>Start</source>
        <translation>Dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="45"/>
        <source>End</source>
        <translation>Diwedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="46"/>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="47"/>
        <source>Street (USRN)</source>
        <translation>Stryd (USRN)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="48"/>
        <source>The works layer was not given: the works of the group are not listed.</source>
        <translation>Ni roddwyd haen y gwaith: nid yw gwaith y grŵp wedi'i restru.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="49"/>
        <source>Benefits of sharing the trench</source>
        <translation>Manteision rhannu'r ffos</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="50"/>
        <source>Measure</source>
        <translation>Mesur</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="51"/>
        <source>Value</source>
        <translation>Gwerth</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="52"/>
        <source>How it is counted</source>
        <translation>Sut y caiff ei gyfrif</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="53"/>
        <source>Optional inputs</source>
        <translation>Mewnbynnau dewisol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="54"/>
        <source>Input</source>
        <translation>Mewnbwn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="55"/>
        <source>Given</source>
        <translation>Wedi'i roi</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="56"/>
        <source>Benefit parameters</source>
        <translation>Paramedrau manteision</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="57"/>
        <source>Parameter</source>
        <translation>Paramedr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="58"/>
        <source>Sum over the groups of: the days of the separate works added up minus those of the longest.</source>
        <translation>Swm dros y grwpiau o: diwrnodau'r gwaith ar wahân wedi'u hadio llai diwrnodau'r hiraf.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="59"/>
        <source>Days each works occupies its street, added up over the works of the groups.</source>
        <translation>Y diwrnodau y mae pob gwaith yn meddiannu ei stryd, wedi'u hadio dros waith y grwpiau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="60"/>
        <source>Households of the premises (or postcode counts) within reach of a group&apos;s works, added up over the groups.</source>
        <translation>Aelwydydd yr eiddo (neu niferoedd codau post) o fewn cyrraedd gwaith grŵp, wedi'u hadio dros y grwpiau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="61"/>
        <source>Premises points within reach of a group&apos;s works, added up over the groups.</source>
        <translation>Pwyntiau eiddo o fewn cyrraedd gwaith grŵp, wedi'u hadio dros y grwpiau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="62"/>
        <source>Days avoided x households x the value per household-day, per group, added up.</source>
        <translation>Diwrnodau a osgowyd x aelwydydd x y gwerth fesul diwrnod aelwyd, fesul grŵp, wedi'u hadio.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="63"/>
        <source>Days on lane-rental streets avoided (sum minus longest over the charged works) x the charge per day.</source>
        <translation>Diwrnodau ar strydoedd rhentu lonydd a osgowyd (swm llai'r hiraf dros y gwaith â thâl) x y tâl y dydd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="64"/>
        <source>Sum minus longest over each group&apos;s works on a lane-rental street.</source>
        <translation>Swm llai'r hiraf dros waith pob grŵp ar stryd rhentu lonydd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="65"/>
        <source>Bus stops in use within reach of a group&apos;s works, added up over the groups.</source>
        <translation>Arosfannau bysiau mewn defnydd o fewn cyrraedd gwaith grŵp, wedi'u hadio dros y grwpiau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="66"/>
        <source>not computed (input not given)</source>
        <translation>heb ei gyfrif (ni roddwyd y mewnbwn)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="67"/>
        <source>Works in the works layer</source>
        <translation>Gwaith yn haen y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="68"/>
        <source>Works in coordination groups</source>
        <translation>Gwaith mewn grwpiau cydlynu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="69"/>
        <source>Days of disruption avoided (all groups)</source>
        <translation>Diwrnodau o darfu a osgowyd (pob grŵp)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="70"/>
        <source>Clashes (pairs of works whose dates overlap)</source>
        <translation>Gwrthdaro (parau o waith y mae eu dyddiadau'n gorgyffwrdd)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="71"/>
        <source>Opportunities (pairs of works close in time, not overlapping)</source>
        <translation>Cyfleoedd (parau o waith sy'n agos o ran amser, heb orgyffwrdd)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="72"/>
        <source>Sites in not-spots, of {n} sites checked</source>
        <translation>Safleoedd mewn mannau digyswllt, o {n} safle a wiriwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="73"/>
        <source>Not-spot places, of {n} places</source>
        <translation>Mannau digyswllt, o {n} man</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="74"/>
        <source>Immediate works in coordination groups</source>
        <translation>Gwaith ar unwaith mewn grwpiau cydlynu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="82"/>
        <source>Days of disruption avoided</source>
        <translation>Diwrnodau o darfu a osgowyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="87"/>
        <source>Places counted</source>
        <translation>Mannau a gyfrifwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="88"/>
        <source>Coverage gaps: sites by class and borough</source>
        <translation>Bylchau yn y ddarpariaeth: safleoedd yn ôl dosbarth a bwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="98"/>
        <source>Licence</source>
        <translation>Trwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="99"/>
        <source>Attribution, as the publishers&apos; licences ask:</source>
        <translation>Priodoliad, fel y mae trwyddedau'r cyhoeddwyr yn gofyn:</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="120"/>
        <source>(outside London)</source>
        <translation>(y tu allan i Lundain)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="121"/>
        <source>Borough outline: {name}</source>
        <translation>Ffin y fwrdeistref: {name}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="30"/>
        <source>{rank}. Group {group}: {borough}</source>
        <translation>{rank}. Grŵp {group}: {borough}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="113"/>
        <source>Reach of the works (m)</source>
        <translation>Cyrhaeddiad y gwaith (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="113"/>
        <source>Wellbeing value per household-day (£)</source>
        <translation>Gwerth llesiant fesul diwrnod aelwyd (£)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="113"/>
        <source>Lane-rental street distance (m)</source>
        <translation>Pellter stryd rhentu lonydd (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_report_labels.py" line="113"/>
        <source>Lane-rental charge per day (£)</source>
        <translation>Tâl rhentu lonydd y dydd (£)</translation>
    </message>
</context>
<context>
    <name>WorksFileImport</name>
    <message>
        <location filename="../processing_algorithms/_works_file_import.py" line="54"/>
        <source>Field {field!r} ({param}, {what}) is not in {layer}; its fields are: {names}</source>
        <translation>Nid yw'r maes {field!r} ({param}, {what}) yn {layer}; ei meysydd yw: {names}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_import.py" line="65"/>
        <source>{param} is required: choose the field of {layer} holding the {what}</source>
        <translation>Mae angen {param}: dewiswch y maes yn {layer} sy'n cynnwys {what}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_import.py" line="91"/>
        <source>{file}: National Highways planned roadworks{london}</source>
        <translation>{file}: gwaith ffordd arfaethedig National Highways{london}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_import.py" line="91"/>
        <source>, London only</source>
        <translation>, Llundain yn unig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_import.py" line="161"/>
        <source>{layer} is declared in {crs} (degrees) but its coordinates ({extent}) are not degrees: they look like metres, e.g. British National Grid. Set the layer&apos;s real CRS (e.g. EPSG:27700)</source>
        <translation>Mae {layer} wedi'i datgan yn {crs} (graddau) ond nid graddau yw ei chyfesurynnau ({extent}): maen nhw'n edrych fel metrau, e.e. Grid Cenedlaethol Prydain. Gosodwch CRS go iawn yr haen (e.e. EPSG:27700)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_import.py" line="174"/>
        <source>Cancelled: the store is unchanged.</source>
        <translation>Wedi'i ganslo: nid yw'r storfa wedi newid.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_works_file_import.py" line="177"/>
        <source>{layer}: reprojected from {crs}</source>
        <translation>{layer}: wedi'i haildaflunio o {crs}</translation>
    </message>
</context>
</TS>

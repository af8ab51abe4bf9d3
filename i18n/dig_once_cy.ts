<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/gui/dock.py" line="71"/>
        <source>Street works (Street Manager archive)</source>
        <translation>Gwaith stryd (archif Street Manager)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="72"/>
        <source>Section 58 restrictions (Street Manager archive)</source>
        <translation>Cyfyngiadau Adran 58 (archif Street Manager)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="73"/>
        <source>Street works (own works file)</source>
        <translation>Gwaith stryd (eich ffeil gwaith eich hun)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="74"/>
        <source>Forward plans</source>
        <translation>Cynlluniau ymlaen llaw</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="75"/>
        <source>Not-spots (Ofcom coverage)</source>
        <translation>Mannau digyswllt (darpariaeth Ofcom)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="76"/>
        <source>Cultural venues</source>
        <translation>Lleoliadau diwylliannol</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="77"/>
        <source>Planning sites</source>
        <translation>Safleoedd cynllunio</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="78"/>
        <source>Full-fibre spine</source>
        <translation>Asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="163"/>
        <source>File, folder or http(s) URL</source>
        <translation>Ffeil, ffolder neu URL http(s)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="166"/>
        <source>Pick a file, a folder or a layer of the project</source>
        <translation>Dewiswch ffeil, ffolder neu haen o'r prosiect</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="389"/>
        <source>Import</source>
        <translation>Mewnforio</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="172"/>
        <source>Rejects</source>
        <translation>Gwrthodiadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="174"/>
        <source>Open the records this import rejected, with the reasons</source>
        <translation>Agor y cofnodion a wrthodwyd gan y mewnforio hwn, gyda'r rhesymau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="554"/>
        <source>Run</source>
        <translation>Rhedeg</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="513"/>
        <source>Not available: the algorithm {0} is not installed in this version of Dig Once.</source>
        <translation>Ddim ar gael: nid yw'r algorithm {0} wedi'i osod yn y fersiwn hon o Dig Once.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/provider.py" line="54"/>
        <source>Dig Once</source>
        <translation>Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="274"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="275"/>
        <source>Checks</source>
        <translation>Gwiriadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="276"/>
        <source>My plan</source>
        <translation>Fy nghynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="277"/>
        <source>Settings</source>
        <translation>Gosodiadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="400"/>
        <source>Shared register</source>
        <translation>Cofrestr a rennir</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="278"/>
        <source>My plan layer</source>
        <translation>Haen fy nghynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="279"/>
        <source>Works register</source>
        <translation>Cofrestr gwaith</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="280"/>
        <source>Start live check</source>
        <translation>Dechrau'r gwiriad byw</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="281"/>
        <source>Stop</source>
        <translation>Stopio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="40"/>
        <source>Store (GeoPackage)</source>
        <translation>Storfa (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="583"/>
        <source>Distance (m)</source>
        <translation>Pellter (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="284"/>
        <source>Maximum gap (days)</source>
        <translation>Bwlch mwyaf (diwrnodau)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="285"/>
        <source>Not-spot share of premises (%)</source>
        <translation>Cyfran yr eiddo mewn man digyswllt (%)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="286"/>
        <source>Not-spot level</source>
        <translation>Lefel man digyswllt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="287"/>
        <source>Maximum distance to the spine (m)</source>
        <translation>Pellter mwyaf i'r asgwrn cefn (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="288"/>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="289"/>
        <source>Reset to defaults</source>
        <translation>Ailosod i'r rhagosodiadau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="308"/>
        <source>File…</source>
        <translation>Ffeil…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="311"/>
        <source>Folder…</source>
        <translation>Ffolder…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="313"/>
        <source>Project layer</source>
        <translation>Haen y prosiect</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="319"/>
        <source>The importer {0} is not installed in this version of Dig Once.</source>
        <translation>Nid yw'r mewnforiwr {0} wedi'i osod yn y fersiwn hon o Dig Once.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="342"/>
        <source>(no layer in the project)</source>
        <translation>(dim haen yn y prosiect)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="351"/>
        <source>Cancelling…</source>
        <translation>Yn canslo…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="361"/>
        <source>Cannot import: the importer {0} is not installed in this version of Dig Once.</source>
        <translation>Methu mewnforio: nid yw'r mewnforiwr {0} wedi'i osod yn y fersiwn hon o Dig Once.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="371"/>
        <source>Pick a file, a folder or a URL first (the … button).</source>
        <translation>Dewiswch ffeil, ffolder neu URL yn gyntaf (y botwm …).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="374"/>
        <source>{0} does not exist.</source>
        <translation>Nid yw {0} yn bodoli.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="380"/>
        <source>Dig Once: import {0}</source>
        <translation>Dig Once: mewnforio {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="548"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="384"/>
        <source>Importing {0}… (progress in the task manager)</source>
        <translation>Yn mewnforio {0}… (cynnydd yn y rheolwr tasgau)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="397"/>
        <source>Imported: {0}</source>
        <translation>Wedi mewnforio: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="423"/>
        <source>Store: {0}</source>
        <translation>Storfa: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="427"/>
        <source>Nothing imported yet.</source>
        <translation>Dim wedi'i fewnforio eto.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="436"/>
        <source>The store cannot be read: {0}</source>
        <translation>Methu darllen y storfa: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="453"/>
        <source>{0} records in the store; nothing imported yet.</source>
        <translation>{0} o gofnodion yn y storfa; dim wedi'i fewnforio eto.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="458"/>
        <source>{records} records in the store. Last import {when}: {imported} imported, {rejected} rejected, from {source}</source>
        <translation>{records} o gofnodion yn y storfa. Mewnforio diwethaf {when}: {imported} wedi'u mewnforio, {rejected} wedi'u gwrthod, o {source}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="473"/>
        <source>No import yet: nothing was rejected.</source>
        <translation>Dim mewnforio eto: ni wrthodwyd dim.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="476"/>
        <source>Rejects: {0}</source>
        <translation>Gwrthodiadau: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="480"/>
        <source>The rejects table cannot be opened.</source>
        <translation>Methu agor tabl y gwrthodiadau.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="524"/>
        <source>Choose a layer for {0}. No suitable layer is loaded: import it in the Data tab or add it to the project.</source>
        <translation>Dewiswch haen ar gyfer {0}. Nid oes haen addas wedi'i llwytho: mewnforiwch hi yn y tab Data neu ychwanegwch hi at y prosiect.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="544"/>
        <source>Dig Once: {0}</source>
        <translation>Dig Once: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="549"/>
        <source>Running… (progress in the task manager)</source>
        <translation>Yn rhedeg… (cynnydd yn y rheolwr tasgau)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="564"/>
        <source>Done: {n} layers added to “{g}”. {c}</source>
        <translation>Wedi gorffen: {n} haen wedi'u hychwanegu at “{g}”. {c}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/runner.py" line="29"/>
        <source>Dig Once results</source>
        <translation>Canlyniadau Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="583"/>
        <source>Plan feature</source>
        <translation>Nodwedd y cynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="583"/>
        <source>Finding</source>
        <translation>Canfyddiad</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="583"/>
        <source>With</source>
        <translation>Gyda</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="583"/>
        <source>Owner</source>
        <translation>Perchennog</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="583"/>
        <source>Days</source>
        <translation>Diwrnodau</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="591"/>
        <source>Choose your plan layer (editable) and the works register, then Start.</source>
        <translation>Dewiswch haen eich cynllun (y gellir ei golygu) a'r gofrestr gwaith, yna Dechrau.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="599"/>
        <source>your plan layer</source>
        <translation>haen eich cynllun</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="601"/>
        <source>the works register (import street works in the Data tab)</source>
        <translation>y gofrestr gwaith (mewnforiwch waith stryd yn y tab Data)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="602"/>
        <source>Choose {0} first.</source>
        <translation>Dewiswch {0} yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="602"/>
        <source> and </source>
        <translation> a </translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="605"/>
        <source>The plan layer and the register must be different layers.</source>
        <translation>Rhaid i haen y cynllun a'r gofrestr fod yn haenau gwahanol.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="625"/>
        <source>clash</source>
        <translation>gwrthdaro</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="625"/>
        <source>opportunity</source>
        <translation>cyfle</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="628"/>
        <source>{0} days overlap</source>
        <translation>{0} diwrnod o orgyffwrdd</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="628"/>
        <source>{0} days apart</source>
        <translation>{0} diwrnod ar wahân</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="636"/>
        <source>plan feature {0}</source>
        <translation>nodwedd y cynllun {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="652"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="654"/>
        <source>Decent broadband (USO, 10 Mbit/s)</source>
        <translation>Band eang digonol (USO, 10 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="654"/>
        <source>Superfast (30 Mbit/s)</source>
        <translation>Cyflym iawn (30 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="654"/>
        <source>Gigabit (1 000 Mbit/s)</source>
        <translation>Gigabit (1 000 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="77"/>
        <source>Dig Once: indexing the works register</source>
        <translation>Dig Once: mynegeio'r gofrestr gwaith</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="166"/>
        <source>Both the plan and the register must be vector layers.</source>
        <translation>Rhaid i'r cynllun a'r gofrestr fod yn haenau fector.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="177"/>
        <source>Indexing the register ({0} works)…</source>
        <translation>Yn mynegeio'r gofrestr ({0} o waith)…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="183"/>
        <source>cancelled</source>
        <translation>wedi'i ganslo</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="184"/>
        <source>The register could not be indexed: {0}</source>
        <translation>Methu mynegeio'r gofrestr: {0}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="282"/>
        <source>{c} clashes and {o} opportunities for {n} plan features.</source>
        <translation>{c} achos o wrthdaro a {o} cyfle ar gyfer {n} nodwedd yn y cynllun.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="286"/>
        <source>Last edit checked in {0:.1f} ms.</source>
        <translation>Gwiriwyd y golygiad diwethaf mewn {0:.1f} ms.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/live_check.py" line="288"/>
        <source>{0} plan features cannot be checked (e.g. {1}).</source>
        <translation>Methu gwirio {0} nodwedd yn y cynllun (e.e. {1}).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/param_form.py" line="94"/>
        <source>Advanced parameters</source>
        <translation>Paramedrau uwch</translation>
    </message>
    <message>
        <location filename="../plugin/gui/runner.py" line="97"/>
        <source>Cancelled: nothing was changed.</source>
        <translation>Wedi'i ganslo: ni newidiwyd dim.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/runner.py" line="99"/>
        <source>The algorithm failed.</source>
        <translation>Methodd yr algorithm.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/runner.py" line="132"/>
        <source>Could not load the result {0}</source>
        <translation>Methu llwytho'r canlyniad {0}</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="39"/>
        <source>Dig Once toolbox</source>
        <translation>Blwch offer Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="95"/>
        <source>&amp;Dig Once</source>
        <translation>&amp;Dig Once</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="61"/>
        <source>Dig Once panel</source>
        <translation>Panel Dig Once</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/provider.py" line="57"/>
        <source>Dig Once: street works coordination and full-fibre coverage</source>
        <translation>Dig Once: cydlynu gwaith stryd a darpariaeth ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/provider.py" line="71"/>
        <source>Algorithm module not loaded: {error}</source>
        <translation>Modiwl algorithm heb ei lwytho: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="51"/>
        <source>Dig Once data</source>
        <translation>Data Dig Once</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="41"/>
        <source>The local store the records are merged into; created when missing. Defaults to the store in your QGIS profile (Dig Once settings). Nothing is uploaded anywhere.</source>
        <translation>Y storfa leol y caiff y cofnodion eu cyfuno iddi; caiff ei chreu os nad yw'n bodoli. Y rhagosodiad yw'r storfa yn eich proffil QGIS (gosodiadau Dig Once). Nid oes dim yn cael ei lanlwytho i unman.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="68"/>
        <source>Not an http(s) address: {u}</source>
        <translation>Nid yw'n gyfeiriad http(s): {u}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="69"/>
        <source>Downloading {u}</source>
        <translation>Yn llwytho i lawr {u}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="80"/>
        <source>{p}: {w}</source>
        <translation>{p}: {w}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="80"/>
        <source>downloaded</source>
        <translation>wedi'i lwytho i lawr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="80"/>
        <source>cached copy, unchanged</source>
        <translation>copi wedi'i storio, heb ei newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="88"/>
        <source>Give an input file or folder, or an http(s) address.</source>
        <translation>Rhowch ffeil neu ffolder mewnbwn, neu gyfeiriad http(s).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_store_outputs.py" line="91"/>
        <source>Input not found: {p}</source>
        <translation>Heb ddod o hyd i'r mewnbwn: {p}</translation>
    </message>
</context>
<context>
    <name>BaseAlgorithm</name>
    <message>
        <location filename="../processing_algorithms/base.py" line="12"/>
        <source>Analysis</source>
        <translation>Dadansoddi</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/base.py" line="12"/>
        <source>Import</source>
        <translation>Mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/base.py" line="12"/>
        <source>Report</source>
        <translation>Adroddiad</translation>
    </message>
</context>
<context>
    <name>CheckRestrictions</name>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="125"/>
        <source>Check Section 58 restrictions</source>
        <translation>Gwirio cyfyngiadau Adran 58</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="128"/>
        <source>Checks planned works against Section 58 restrictions (the ban on digging a street for up to five years after it is resurfaced) and lists one finding per (works, restriction) pair.

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
        <translation>Yn gwirio gwaith arfaethedig yn erbyn cyfyngiadau Adran 58 (y gwaharddiad ar gloddio stryd am hyd at bum mlynedd ar ôl ei hailwynebu) ac yn rhestru un canfyddiad ar gyfer pob pâr (gwaith, cyfyngiad).

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
        <location filename="../processing_algorithms/check_restrictions.py" line="170"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="170"/>
        <source>Planned works: the store&apos;s works layer, or any layer with the mapped fields.</source>
        <translation>Gwaith arfaethedig: haen gwaith y storfa, neu unrhyw haen gyda'r meysydd wedi'u mapio.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="176"/>
        <source>Section 58 restrictions</source>
        <translation>Cyfyngiadau Adran 58</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="176"/>
        <source>The store&apos;s restrictions layer, or any layer with reference, status, start and end fields.</source>
        <translation>Haen cyfyngiadau'r storfa, neu unrhyw haen gyda meysydd cyfeirnod, statws, dechrau a diwedd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="184"/>
        <source>Distance (m)</source>
        <translation>Pellter (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="187"/>
        <source>Works within this many metres of a restricted extent are checked (0 = touching).</source>
        <translation>Caiff gwaith o fewn y nifer hwn o fetrau i ardal gyfyngedig ei wirio (0 = yn cyffwrdd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="191"/>
        <source>Also match on USRN</source>
        <translation>Paru ar USRN hefyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="191"/>
        <source>Works on the same USRN as a restriction are checked whatever the distance.</source>
        <translation>Caiff gwaith ar yr un USRN â chyfyngiad ei wirio beth bynnag fo'r pellter.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="195"/>
        <source>Exempt categories and activity types</source>
        <translation>Categorïau a mathau o weithgaredd sydd wedi'u heithrio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="195"/>
        <source>Comma-separated category or activity type codes whose works are exempt (empty: none).</source>
        <translation>Codau categori neu fath o weithgaredd, wedi'u gwahanu gan gomas, y mae eu gwaith wedi'i eithrio (gwag: dim).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="204"/>
        <source>Notice period (days)</source>
        <translation>Cyfnod rhybudd (diwrnodau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="204"/>
        <source>Days before a proposed restriction starts in which works should dig first (0 = off).</source>
        <translation>Diwrnodau cyn i gyfyngiad arfaethedig ddechrau pan ddylai gwaith gloddio yn gyntaf (0 = i ffwrdd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="214"/>
        <source>Ends-soon period (days)</source>
        <translation>Cyfnod dod i ben yn fuan (diwrnodau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="214"/>
        <source>Works starting within this many days after a restriction ends are listed (0 = off).</source>
        <translation>Caiff gwaith sy'n dechrau o fewn y nifer hwn o ddiwrnodau ar ôl i gyfyngiad ddod i ben ei restru (0 = i ffwrdd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="224"/>
        <source>Excluded permit statuses</source>
        <translation>Statwsau trwydded sydd wedi'u hepgor</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="224"/>
        <source>Comma-separated permit statuses whose works never take part (empty: none).</source>
        <translation>Statwsau trwydded, wedi'u gwahanu gan gomas, nad yw eu gwaith byth yn cymryd rhan (gwag: dim).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="235"/>
        <source>Field of the {layer} layer (default {default}).</source>
        <translation>Maes yr haen {layer} (rhagosodiad {default}).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="249"/>
        <source>Restriction findings</source>
        <translation>Canfyddiadau cyfyngiadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="249"/>
        <source>One row per finding, with both references, dates, days of overlap and the finding.</source>
        <translation>Un rhes ar gyfer pob canfyddiad, gyda'r ddau gyfeirnod, y dyddiadau, y diwrnodau o orgyffwrdd a'r canfyddiad.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="253"/>
        <source>Unusable works and restrictions</source>
        <translation>Gwaith a chyfyngiadau anaddas</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="253"/>
        <source>Works and restrictions that could not be checked, with the reason.</source>
        <translation>Gwaith a chyfyngiadau nad oedd modd eu gwirio, gyda'r rheswm.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="351"/>
        <source>USRN_MATCH is on but a USRN field is missing: matching on geometry only.</source>
        <translation>Mae USRN_MATCH ymlaen ond mae maes USRN ar goll: paru ar geometreg yn unig.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="372"/>
        <source>{w} works and {r} restrictions read; {p} related pairs; {n} cancelled/closed ignored</source>
        <translation>Darllenwyd {w} o waith a {r} o gyfyngiadau; {p} pâr cysylltiedig; anwybyddwyd {n} a gafodd eu canslo/cau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="378"/>
        <source>{n} works left out for their permit status</source>
        <translation>{n} o waith wedi'u hepgor oherwydd statws eu trwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="439"/>
        <source>Findings mix points, lines and polygons: {n} points/lines widened by 1 m</source>
        <translation>Mae'r canfyddiadau'n cymysgu pwyntiau, llinellau a pholygonau: lledwyd {n} pwynt/llinell 1 m</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="94"/>
        <source>Findings</source>
        <translation>Canfyddiadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="94"/>
        <source>dig_before_resurfacing findings</source>
        <translation>Canfyddiadau dig_before_resurfacing</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="94"/>
        <source>blocked findings</source>
        <translation>Canfyddiadau blocked</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="94"/>
        <source>exempt findings</source>
        <translation>Canfyddiadau exempt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="94"/>
        <source>ends_soon findings</source>
        <translation>Canfyddiadau ends_soon</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="94"/>
        <source>Cancelled or closed restrictions (ignored)</source>
        <translation>Cyfyngiadau wedi'u canslo neu eu cau (wedi'u hanwybyddu)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Works reference field</source>
        <translation>Maes cyfeirnod y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Promoter field</source>
        <translation>Maes yr hyrwyddwr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Work category field</source>
        <translation>Maes categori'r gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Activity type field</source>
        <translation>Maes y math o weithgaredd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Works start date field</source>
        <translation>Maes dyddiad dechrau'r gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Works end date field</source>
        <translation>Maes dyddiad gorffen y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Works permit status field</source>
        <translation>Maes statws trwydded y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Works USRN field</source>
        <translation>Maes USRN y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Restriction reference field</source>
        <translation>Maes cyfeirnod y cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Restriction status field</source>
        <translation>Maes statws y cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Restriction start date field</source>
        <translation>Maes dyddiad dechrau'r cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Restriction end date field</source>
        <translation>Maes dyddiad gorffen y cyfyngiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/check_restrictions.py" line="105"/>
        <source>Restriction USRN field</source>
        <translation>Maes USRN y cyfyngiad</translation>
    </message>
</context>
<context>
    <name>CompareRuns</name>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="165"/>
        <source>Compare two overlap runs</source>
        <translation>Cymharu dau rediad gorgyffwrdd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="168"/>
        <source>Compares this month's pairs output of 'Find works overlaps' with a previous one.

Works are matched across runs on their work reference: the work_ref_a/work_ref_b fields when the pairs carry them, otherwise derived from the id by stripping a trailing '-NN' (hyphen and two digits: Street Manager's permit suffix), so a re-issued permit (…-01 → …-02) is the same work (said in the log). A work reference shared by several ids of one run is ambiguous and those ids are matched on the id itself.

Pairs are keyed on the unordered pair of works: new (only in this run), resolved (only in the previous run), changed (kind, gap_days or overlap_days differ, or, when both runs carry start_a/end_a/start_b/end_b, any work's dates), unchanged (listed only with INCLUDE_UNCHANGED). Distance and owners are reported, not compared.

Groups (the works of the pairs with each group_id) are matched by shared works: each current group is matched to the previous group sharing the most works with it (ties: the smallest previous group_id) and is unchanged, grown (only new works), shrunk (only works gone) or reshaped (both); new when it shares no work with any previous group. A previous group sharing no work with any current group is gone. prev_group_ids lists every previous group a current group shares works with (several: a merge).

The two runs must have been made with the same analysis parameters (read from the parameters stamped in each output; input and output paths are not compared): otherwise the algorithm stops and lists the differing parameters, unless FORCE is set.</source>
        <translation>Yn cymharu allbwn parau 'Find works overlaps' y mis hwn ag un blaenorol.

Caiff gwaith ei baru ar draws rhediadau ar sail cyfeirnod y gwaith: y meysydd work_ref_a/work_ref_b pan fo'r parau'n eu cynnwys, fel arall wedi'i ddeillio o'r id drwy dynnu '-NN' ar y diwedd (cysylltnod a dau ddigid: ôl-ddodiad trwydded Street Manager), fel bod trwydded a ailgyhoeddwyd (…-01 → …-02) yr un gwaith (nodir hyn yn y log). Mae cyfeirnod gwaith a rennir gan sawl id mewn un rhediad yn amwys, a chaiff yr idau hynny eu paru ar yr id ei hun.

Caiff parau eu hadnabod yn ôl y pâr diwahaniaeth o waith: new (yn y rhediad hwn yn unig), resolved (yn y rhediad blaenorol yn unig), changed (mae kind, gap_days neu overlap_days yn wahanol, neu, pan fo'r ddau rediad yn cynnwys start_a/end_a/start_b/end_b, dyddiadau unrhyw waith), unchanged (wedi'u rhestru gydag INCLUDE_UNCHANGED yn unig). Caiff y pellter a'r perchnogion eu hadrodd, nid eu cymharu.

Caiff grwpiau (gwaith y parau gyda phob group_id) eu paru yn ôl y gwaith a rennir: caiff pob grŵp cyfredol ei baru â'r grŵp blaenorol sy'n rhannu'r nifer mwyaf o waith ag ef (os yn gyfartal: y group_id blaenorol lleiaf) ac mae'n unchanged, grown (gwaith newydd yn unig), shrunk (gwaith wedi mynd yn unig) neu reshaped (y ddau); new pan nad yw'n rhannu unrhyw waith ag unrhyw grŵp blaenorol. Mae grŵp blaenorol nad yw'n rhannu unrhyw waith ag unrhyw grŵp cyfredol yn gone. Mae prev_group_ids yn rhestru pob grŵp blaenorol y mae grŵp cyfredol yn rhannu gwaith ag ef (sawl un: cyfuniad).

Rhaid bod y ddau rediad wedi'u gwneud gyda'r un paramedrau dadansoddi (wedi'u darllen o'r paramedrau a stampiwyd ym mhob allbwn; ni chaiff llwybrau mewnbwn ac allbwn eu cymharu): fel arall mae'r algorithm yn stopio ac yn rhestru'r paramedrau sy'n wahanol, oni bai bod FORCE wedi'i osod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="200"/>
        <source>Current pairs</source>
        <translation>Parau cyfredol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="200"/>
        <source>The pairs output of this run of &apos;Find works overlaps&apos;.</source>
        <translation>Allbwn parau'r rhediad hwn o 'Find works overlaps'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="204"/>
        <source>Previous pairs</source>
        <translation>Parau blaenorol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="204"/>
        <source>The pairs output of the run to compare with (e.g. last month).</source>
        <translation>Allbwn parau'r rhediad i'w gymharu ag ef (e.e. y mis diwethaf).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="208"/>
        <source>Current groups</source>
        <translation>Grwpiau cyfredol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="208"/>
        <source>Optional groups output of this run: its hulls become the group geometries.</source>
        <translation>Allbwn grwpiau dewisol y rhediad hwn: ei amlinellau yw geometreg y grwpiau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="215"/>
        <source>Previous groups</source>
        <translation>Grwpiau blaenorol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="215"/>
        <source>Optional groups output of the previous run (geometry of gone groups).</source>
        <translation>Allbwn grwpiau dewisol y rhediad blaenorol (geometreg y grwpiau sydd wedi mynd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="222"/>
        <source>Match works on work reference</source>
        <translation>Paru gwaith ar gyfeirnod y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="222"/>
        <source>Match a re-issued permit (same work reference, new -NN suffix) to its predecessor.</source>
        <translation>Paru trwydded a ailgyhoeddwyd (yr un cyfeirnod gwaith, ôl-ddodiad -NN newydd) â'i rhagflaenydd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="229"/>
        <source>List unchanged pairs</source>
        <translation>Rhestru parau heb newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="229"/>
        <source>Also write unchanged pairs to the output (they are always counted).</source>
        <translation>Ysgrifennu parau heb newid i'r allbwn hefyd (maen nhw bob amser yn cael eu cyfrif).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="234"/>
        <source>Compare runs made with different parameters</source>
        <translation>Cymharu rhediadau a wnaed gyda pharamedrau gwahanol</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="234"/>
        <source>Compare even when the two runs were made with different analysis parameters.</source>
        <translation>Cymharu hyd yn oed pan wnaed y ddau rediad gyda pharamedrau dadansoddi gwahanol.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="240"/>
        <source>Pair changes</source>
        <translation>Newidiadau i barau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="240"/>
        <source>New, resolved and changed pairs (and unchanged ones if asked).</source>
        <translation>Parau newydd, wedi'u datrys ac wedi newid (a rhai heb newid os gofynnir).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="244"/>
        <source>Group changes</source>
        <translation>Newidiadau i grwpiau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="244"/>
        <source>One row per current group and per gone previous group.</source>
        <translation>Un rhes ar gyfer pob grŵp cyfredol a phob grŵp blaenorol sydd wedi mynd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="266"/>
        <source>Layer {layer!r} ({param}) is not a pairs output: field(s) {fields} missing</source>
        <translation>Nid yw'r haen {layer!r} ({param}) yn allbwn parau: maes/meysydd {fields} ar goll</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="316"/>
        <source>Layer {layer!r} ({param}) has no group_id field</source>
        <translation>Nid oes gan yr haen {layer!r} ({param}) faes group_id</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="354"/>
        <source>No run parameters are stamped in {layer}: cannot check that the runs are comparable</source>
        <translation>Nid oes paramedrau rhediad wedi'u stampio yn {layer}: methu gwirio bod modd cymharu'r rhediadau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="367"/>
        <source>The two runs were made with different parameters: {listing}. Their pairs are not comparable; set FORCE to compare anyway.</source>
        <translation>Gwnaed y ddau rediad gyda pharamedrau gwahanol: {listing}. Nid oes modd cymharu eu parau; gosodwch FORCE i'w cymharu beth bynnag.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="373"/>
        <source>FORCE: comparing runs made with different parameters: {listing}</source>
        <translation>FORCE: yn cymharu rhediadau a wnaed gyda pharamedrau gwahanol: {listing}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="411"/>
        <source>{layer}: no work_ref_a/work_ref_b fields: work references derived from the ids by stripping a trailing -NN permit suffix</source>
        <translation>{layer}: dim meysydd work_ref_a/work_ref_b: cyfeirnodau gwaith wedi'u deillio o'r idau drwy dynnu'r ôl-ddodiad trwydded -NN ar y diwedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="418"/>
        <source>{layer}: works matched on work_ref_a/work_ref_b</source>
        <translation>{layer}: gwaith wedi'i baru ar work_ref_a/work_ref_b</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="422"/>
        <source>{layer}: {n} work references shared by several ids, matched on the id: {refs}</source>
        <translation>{layer}: {n} cyfeirnod gwaith a rennir gan sawl id, wedi'u paru ar yr id: {refs}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="428"/>
        <source>Same work, new id: {a} -&gt; {b}</source>
        <translation>Yr un gwaith, id newydd: {a} -&gt; {b}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="430"/>
        <source>… and {n} more</source>
        <translation>… a {n} arall</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>New pairs</source>
        <translation>Parau newydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Resolved pairs</source>
        <translation>Parau wedi'u datrys</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Changed pairs</source>
        <translation>Parau wedi newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Unchanged pairs</source>
        <translation>Parau heb newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>New groups</source>
        <translation>Grwpiau newydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Gone groups</source>
        <translation>Grwpiau wedi mynd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Grown groups</source>
        <translation>Grwpiau wedi tyfu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Shrunk groups</source>
        <translation>Grwpiau wedi crebachu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Reshaped groups</source>
        <translation>Grwpiau wedi newid siâp</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Unchanged groups</source>
        <translation>Grwpiau heb newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Works matched on work reference with a new id</source>
        <translation>Gwaith wedi'i baru ar gyfeirnod y gwaith gydag id newydd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/compare_runs.py" line="143"/>
        <source>Analysis parameters that differ between the runs</source>
        <translation>Paramedrau dadansoddi sy'n wahanol rhwng y rhediadau</translation>
    </message>
</context>
<context>
    <name>ConnectivityImport</name>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="109"/>
        <source>Input file or http(s) URL</source>
        <translation>Ffeil fewnbwn neu URL http(s)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="112"/>
        <source>Store (GeoPackage)</source>
        <translation>Storfa (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="119"/>
        <source>The local store to import into; empty = the plugin&apos;s store in the QGIS profile (Settings).</source>
        <translation>Y storfa leol i fewnforio iddi; gwag = storfa'r ategyn yn y proffil QGIS (Gosodiadau).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="126"/>
        <source>Imported layer</source>
        <translation>Haen wedi'i mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="129"/>
        <source>Import id in the catalogue</source>
        <translation>Id y mewnforio yn y catalog</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="130"/>
        <source>Records imported</source>
        <translation>Cofnodion wedi'u mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="131"/>
        <source>Records rejected</source>
        <translation>Cofnodion wedi'u gwrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="132"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="152"/>
        <source>No input file or URL given</source>
        <translation>Ni roddwyd ffeil fewnbwn nac URL</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="193"/>
        <source>Cancelled: the store is unchanged</source>
        <translation>Wedi'i ganslo: nid yw'r storfa wedi newid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/_connectivity.py" line="209"/>
        <source>{n} records imported into {t}, {r} rejected (import {i})</source>
        <translation>{n} o gofnodion wedi'u mewnforio i {t}, {r} wedi'u gwrthod (mewnforio {i})</translation>
    </message>
</context>
<context>
    <name>FindCoverageGaps</name>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="55"/>
        <source>Find coverage gaps</source>
        <translation>Canfod bylchau yn y ddarpariaeth</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="58"/>
        <source>For each site (planning sites or cultural venues, points or polygons): the exact distance to the full-fibre spine (spine_distance_m), the not-spot place describing it (the not-spot area containing it, else the nearest postcode/area within the search radius) with its share, whether it is in a not-spot, and a gap class:
- connected: the matched place is not a not-spot;
- near_spine_notspot: in a not-spot, within MAX_SPINE_DISTANCE of the spine;
- far_from_spine_notspot: in a not-spot, further from the spine (or no spine);
- no_coverage_data: no place contains it or lies within the search radius;
- unlocated: no usable geometry (e.g. grid-origin planning centroids).
Planning sites carry their &apos;units&apos;. Counts per class are numeric outputs.</source>
        <translation>Ar gyfer pob safle (safleoedd cynllunio neu leoliadau diwylliannol, pwyntiau neu bolygonau): yr union bellter i'r asgwrn cefn ffeibr llawn (spine_distance_m), y man digyswllt sy'n ei ddisgrifio (yr ardal ddigyswllt sy'n ei gynnwys, fel arall y cod post/ardal agosaf o fewn y radiws chwilio) gyda'i gyfran, a yw mewn man digyswllt, a dosbarth bwlch:
- connected: nid yw'r man cyfatebol yn fan digyswllt;
- near_spine_notspot: mewn man digyswllt, o fewn MAX_SPINE_DISTANCE i'r asgwrn cefn;
- far_from_spine_notspot: mewn man digyswllt, ymhellach o'r asgwrn cefn (neu dim asgwrn cefn);
- no_coverage_data: nid oes unrhyw fan yn ei gynnwys nac o fewn y radiws chwilio;
- unlocated: dim geometreg y gellir ei defnyddio (e.e. canolbwyntiau cynllunio ar darddbwynt y grid).
Mae safleoedd cynllunio yn cynnwys eu 'units'. Mae'r cyfrifon ar gyfer pob dosbarth yn allbynnau rhifiadol.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="73"/>
        <source>Sites</source>
        <translation>Safleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="76"/>
        <source>Planning sites or cultural venues (points or polygons).</source>
        <translation>Safleoedd cynllunio neu leoliadau diwylliannol (pwyntiau neu bolygonau).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="78"/>
        <source>Not-spots</source>
        <translation>Mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="83"/>
        <source>Postcode points or area polygons from &apos;Import Ofcom coverage&apos;.</source>
        <translation>Pwyntiau cod post neu bolygonau ardal o 'Import Ofcom coverage'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="85"/>
        <source>Not-spot flag field</source>
        <translation>Maes baner man digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="91"/>
        <source>Boolean field of the not-spot layer: true where the place is a not-spot.</source>
        <translation>Maes Boole yr haen mannau digyswllt: true lle mae'r man yn fan digyswllt.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="94"/>
        <source>Full-fibre spine</source>
        <translation>Asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="97"/>
        <source>Line layer of the spine (e.g. from &apos;Import full-fibre spine&apos;).</source>
        <translation>Haen linell yr asgwrn cefn (e.e. o 'Import full-fibre spine').</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="99"/>
        <source>Maximum distance to the spine</source>
        <translation>Pellter mwyaf i'r asgwrn cefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="106"/>
        <source>Not-spot sites within this distance (metres) of the spine are near_spine_notspot.</source>
        <translation>Mae safleoedd mewn mannau digyswllt o fewn y pellter hwn (metrau) i'r asgwrn cefn yn near_spine_notspot.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="110"/>
        <source>Search radius for postcodes</source>
        <translation>Radiws chwilio ar gyfer codau post</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="113"/>
        <source>When no not-spot area contains a site, the nearest place within this distance (metres).</source>
        <translation>Pan nad oes ardal ddigyswllt yn cynnwys safle, y man agosaf o fewn y pellter hwn (metrau).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="118"/>
        <source>Units field</source>
        <translation>Maes unedau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="122"/>
        <source>Residential units of each site; empty = the &apos;units&apos; field when the layer has one.</source>
        <translation>Unedau preswyl pob safle; gwag = y maes 'units' pan fo gan yr haen un.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="127"/>
        <source>Coverage gaps</source>
        <translation>Bylchau yn y ddarpariaeth</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="128"/>
        <source>The sites with their spine distance, not-spot metrics and gap class.</source>
        <translation>Y safleoedd gyda'u pellter i'r asgwrn cefn, eu mesurau man digyswllt a'u dosbarth bwlch.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="131"/>
        <source>Sites: {c}</source>
        <translation>Safleoedd: {c}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="132"/>
        <source>Residential units in not-spots</source>
        <translation>Unedau preswyl mewn mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_coverage_gaps.py" line="217"/>
        <source>{c}: {n} sites</source>
        <translation>{c}: {n} safle</translation>
    </message>
</context>
<context>
    <name>FindSpineOpportunities</name>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="60"/>
        <source>Find spine opportunities</source>
        <translation>Canfod cyfleoedd ger yr asgwrn cefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="63"/>
        <source>Street works within MAX_SPINE_DISTANCE of the full-fibre spine that pass within NOTSPOT_DISTANCE of not-spots: the chance to lay duct from the spine while the road is open. Ranked by score (rank 1 = best):

score = affected x (0.5 + 0.5 x (1 - spine_distance / MAX_SPINE_DISTANCE)) x (1 + min(length_m, 1000) / 1000) x 1 / (1 + max(0, days_to_start) / 90)

affected = sum over the not-spots within reach of premises unable to get the level (premises x share / 100) when the not-spot layer has &apos;premises&apos;, else 1 per postcode or area. days_to_start counts from the reference date (default today, London). Works that ended before the reference date are left out (EXCLUDED_ENDED); works with no dates get a date factor of 1.</source>
        <translation>Gwaith stryd o fewn MAX_SPINE_DISTANCE i'r asgwrn cefn ffeibr llawn sy'n mynd o fewn NOTSPOT_DISTANCE i fannau digyswllt: y cyfle i osod dwythell o'r asgwrn cefn tra bo'r ffordd ar agor. Wedi'u trefnu yn ôl sgôr (safle 1 = gorau):

score = affected x (0.5 + 0.5 x (1 - spine_distance / MAX_SPINE_DISTANCE)) x (1 + min(length_m, 1000) / 1000) x 1 / (1 + max(0, days_to_start) / 90)

affected = cyfanswm, dros y mannau digyswllt o fewn cyrraedd, yr eiddo na allant gael y lefel (premises x share / 100) pan fo gan haen y mannau digyswllt 'premises', fel arall 1 ar gyfer pob cod post neu ardal. Mae days_to_start yn cyfrif o'r dyddiad cyfeirio (rhagosodiad heddiw, Llundain). Caiff gwaith a ddaeth i ben cyn y dyddiad cyfeirio ei hepgor (EXCLUDED_ENDED); mae gwaith heb ddyddiadau yn cael ffactor dyddiad o 1.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="78"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="81"/>
        <source>Street works (e.g. the store&apos;s &apos;works&apos; layer): lines, points or polygons.</source>
        <translation>Gwaith stryd (e.e. haen 'works' y storfa): llinellau, pwyntiau neu bolygonau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="83"/>
        <source>Full-fibre spine</source>
        <translation>Asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="86"/>
        <source>Line layer of the spine.</source>
        <translation>Haen linell yr asgwrn cefn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="88"/>
        <source>Not-spots</source>
        <translation>Mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="93"/>
        <source>Postcode points or area polygons from &apos;Import Ofcom coverage&apos;.</source>
        <translation>Pwyntiau cod post neu bolygonau ardal o 'Import Ofcom coverage'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="95"/>
        <source>Not-spot flag field</source>
        <translation>Maes baner man digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="101"/>
        <source>Boolean field of the not-spot layer: true where the place is a not-spot.</source>
        <translation>Maes Boole yr haen mannau digyswllt: true lle mae'r man yn fan digyswllt.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="104"/>
        <source>Maximum distance from the spine</source>
        <translation>Pellter mwyaf o'r asgwrn cefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="108"/>
        <source>Works further than this (metres) from the spine are not opportunities.</source>
        <translation>Nid yw gwaith sydd ymhellach na hyn (metrau) o'r asgwrn cefn yn gyfleoedd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="110"/>
        <source>Reach into not-spots</source>
        <translation>Cyrhaeddiad i fannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="113"/>
        <source>Not-spot places within this distance (metres) of a work count for it.</source>
        <translation>Mae mannau digyswllt o fewn y pellter hwn (metrau) i waith yn cyfrif ar ei gyfer.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="115"/>
        <source>Start date field</source>
        <translation>Maes y dyddiad dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="115"/>
        <source>End date field</source>
        <translation>Maes y dyddiad gorffen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="120"/>
        <source>Empty = &apos;{f}&apos; when the layer has it; no field = no date factor.</source>
        <translation>Gwag = '{f}' pan fo gan yr haen ef; dim maes = dim ffactor dyddiad.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="125"/>
        <source>Reference date (YYYY-MM-DD)</source>
        <translation>Dyddiad cyfeirio (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="128"/>
        <source>Days to start count from this date; empty = today (Europe/London).</source>
        <translation>Caiff y diwrnodau tan y dechrau eu cyfrif o'r dyddiad hwn; gwag = heddiw (Europe/London).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="131"/>
        <source>Spine opportunities</source>
        <translation>Cyfleoedd ger yr asgwrn cefn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="132"/>
        <source>The qualifying works, best first, with rank, score and its terms.</source>
        <translation>Y gwaith cymwys, y gorau yn gyntaf, gyda'r safle, y sgôr a'i thermau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="134"/>
        <source>Opportunities found</source>
        <translation>Cyfleoedd a ganfuwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="135"/>
        <source>Works near the spine that already ended</source>
        <translation>Gwaith ger yr asgwrn cefn sydd eisoes wedi dod i ben</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="167"/>
        <source>Reference date {d}</source>
        <translation>Dyddiad cyfeirio {d}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_spine_opportunities.py" line="219"/>
        <source>{n} opportunities; {e} works near the spine had already ended</source>
        <translation>{n} cyfle; roedd {e} o waith ger yr asgwrn cefn eisoes wedi dod i ben</translation>
    </message>
</context>
<context>
    <name>FindWorksOverlaps</name>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="161"/>
        <source>Find works clashes and dig-once opportunities</source>
        <translation>Canfod gwrthdaro rhwng gwaith a chyfleoedd i gloddio unwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="215"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="215"/>
        <source>Points, lines or polygons: the store&apos;s works layer, or any layer with the mapped fields.</source>
        <translation>Pwyntiau, llinellau neu bolygonau: haen gwaith y storfa, neu unrhyw haen gyda'r meysydd wedi'u mapio.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="223"/>
        <source>Other works (cross pairs only)</source>
        <translation>Gwaith arall (parau croes yn unig)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="223"/>
        <source>Optional second layer (e.g. the register when Works are your own plans): only pairs with one work from each layer are reported. Uses the same field names.</source>
        <translation>Ail haen ddewisol (e.e. y gofrestr pan mai eich cynlluniau eich hun yw'r Gwaith): dim ond parau gydag un gwaith o bob haen a gaiff eu hadrodd. Mae'n defnyddio'r un enwau meysydd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="235"/>
        <source>Distance (m)</source>
        <translation>Pellter (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="235"/>
        <source>Works whose geometries are at most this many metres apart are near (inclusive).</source>
        <translation>Mae gwaith y mae ei geometregau ar y mwyaf y nifer hwn o fetrau oddi wrth ei gilydd yn agos (yn gynhwysol).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="245"/>
        <source>Largest gap for an opportunity (days)</source>
        <translation>Bwlch mwyaf ar gyfer cyfle (diwrnodau)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="245"/>
        <source>Near works whose windows are at most this many days apart are a dig-once opportunity.</source>
        <translation>Mae gwaith agos y mae ei ffenestri ar y mwyaf y nifer hwn o ddiwrnodau ar wahân yn gyfle i gloddio unwaith.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="255"/>
        <source>Works on the same street (USRN) are near</source>
        <translation>Mae gwaith ar yr un stryd (USRN) yn agos</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="255"/>
        <source>Works with the same non-empty USRN are near whatever the distance.</source>
        <translation>Mae gwaith gyda'r un USRN nad yw'n wag yn agos beth bynnag fo'r pellter.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="261"/>
        <source>Include pairs with the same owner</source>
        <translation>Cynnwys parau gyda'r un perchennog</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="261"/>
        <source>Keep pairs of works by the same promoter (left out by default).</source>
        <translation>Cadw parau o waith gan yr un hyrwyddwr (wedi'u hepgor yn ddiofyn).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="267"/>
        <source>Excluded permit statuses</source>
        <translation>Statwsau trwydded sydd wedi'u hepgor</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="267"/>
        <source>Comma-separated permit statuses whose works never take part (empty: none).</source>
        <translation>Statwsau trwydded, wedi'u gwahanu gan gomas, nad yw eu gwaith byth yn cymryd rhan (gwag: dim).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="278"/>
        <source>Field of the works layer(s) (default {default}).</source>
        <translation>Maes haen(au) y gwaith (rhagosodiad {default}).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="290"/>
        <source>Clashes and opportunities</source>
        <translation>Gwrthdaro a chyfleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="290"/>
        <source>One row per pair: shortest line between the works, kind, distance, gap and overlap days.</source>
        <translation>Un rhes ar gyfer pob pâr: y llinell fyrraf rhwng y gwaith, y math, y pellter, a'r diwrnodau o fwlch a gorgyffwrdd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="298"/>
        <source>Coordination groups</source>
        <translation>Grwpiau cydlynu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="298"/>
        <source>One row per group of linked works (one meeting), with its hull and summary.</source>
        <translation>Un rhes ar gyfer pob grŵp o waith cysylltiedig (un cyfarfod), gyda'i amlinell a'i grynodeb.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="304"/>
        <source>Unusable works</source>
        <translation>Gwaith anaddas</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="304"/>
        <source>Works that could not take part, with the reason.</source>
        <translation>Gwaith nad oedd modd iddo gymryd rhan, gyda'r rheswm.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="327"/>
        <source>Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {names}</source>
        <translation>Nid yw'r maes {field!r} ({param}) yn yr haen {layer!r}; ei meysydd yw: {names}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="333"/>
        <source>Field {field!r} ({param}) of layer {layer!r} is {type}; it must be {desc}</source>
        <translation>Mae'r maes {field!r} ({param}) yn yr haen {layer!r} o'r math {type}; rhaid iddo fod yn {desc}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="360"/>
        <source>SAME_STREET is on but layer {layer!r} has no USRN field {field!r}</source>
        <translation>Mae SAME_STREET ymlaen ond nid oes gan yr haen {layer!r} faes USRN {field!r}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="422"/>
        <source>{n} works left out for their permit status</source>
        <translation>{n} o waith wedi'u hepgor oherwydd statws eu trwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="426"/>
        <source>{n} invalid polygons repaired with make_valid</source>
        <translation>{n} polygon annilys wedi'u trwsio gyda make_valid</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="367"/>
        <source>GDAL Arrow stream</source>
        <translation>Ffrwd Arrow GDAL</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="370"/>
        <source>QGIS features</source>
        <translation>Nodweddion QGIS</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="387"/>
        <source>{layer}: {n} works read ({how})</source>
        <translation>{layer}: darllenwyd {n} o waith ({how})</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="139"/>
        <source>Pairs (clashes + opportunities)</source>
        <translation>Parau (gwrthdaro + cyfleoedd)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="139"/>
        <source>Clashes</source>
        <translation>Gwrthdaro</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="139"/>
        <source>Opportunities</source>
        <translation>Cyfleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>Works reference field</source>
        <translation>Maes cyfeirnod y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>Owner (promoter) field</source>
        <translation>Maes y perchennog (hyrwyddwr)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>Start date field</source>
        <translation>Maes y dyddiad dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>a date or text</source>
        <translation>ddyddiad neu destun</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>End date field</source>
        <translation>Maes y dyddiad gorffen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>Permit status field</source>
        <translation>Maes statws y drwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>text</source>
        <translation>destun</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>USRN field</source>
        <translation>Maes USRN</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="148"/>
        <source>text or an integer</source>
        <translation>destun neu gyfanrif</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/find_works_overlaps.py" line="164"/>
        <source>Finds every pair of works that should be coordinated and the groups one meeting should cover. Exact: one bulk spatial index query, then the exact GEOS distance decides.

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
        <translation>Yn canfod pob pâr o waith y dylid ei gydlynu a'r grwpiau y dylai un cyfarfod ymdrin â nhw. Union: un ymholiad swmp i'r mynegai gofodol, yna'r union bellter GEOS sy'n penderfynu.

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
    <name>ImportCulturalVenues</name>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="43"/>
        <source>Import cultural venues (GLA Cultural Infrastructure Map)</source>
        <translation>Mewnforio lleoliadau diwylliannol (Map Seilwaith Diwylliannol yr GLA)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="46"/>
        <source>Imports one Cultural Infrastructure Map CSV (any category: Pubs, Music venues, Theatres, Libraries, ...) from a file or a London Datastore URL into the store table 'cultural_venues'. Columns are found by name (their order differs between files). The category comes from the CATEGORY parameter, a 'category' column, or the file name.

Faults handled: 'NA' strings are empty; rounded UPRNs are kept as text but never used as keys; rows with no borough keep an empty borough; mojibake (â€™) is repaired; borough names are normalised; where easting/northing and latitude/longitude disagree by more than the tolerance, latitude/longitude are used and the row is flagged (coord_conflict). Rows without usable coordinates are rejected with the field and value. Every row is imported or rejected. Re-importing a file replaces that file's venues.</source>
        <translation>Yn mewnforio un CSV o'r Map Seilwaith Diwylliannol (unrhyw gategori: Tafarndai, Lleoliadau cerddoriaeth, Theatrau, Llyfrgelloedd, ...) o ffeil neu URL London Datastore i dabl 'cultural_venues' y storfa. Caiff colofnau eu canfod yn ôl eu henw (mae eu trefn yn amrywio rhwng ffeiliau). Daw'r categori o'r paramedr CATEGORY, colofn 'category', neu enw'r ffeil.

Diffygion a gaiff eu trin: mae llinynnau 'NA' yn wag; caiff UPRNau wedi'u talgrynnu eu cadw fel testun ond byth eu defnyddio fel allweddi; mae rhesi heb fwrdeistref yn cadw bwrdeistref wag; caiff mojibake (â€™) ei drwsio; caiff enwau bwrdeistrefi eu normaleiddio; lle mae easting/northing a latitude/longitude yn anghytuno o fwy na'r goddefiant, defnyddir latitude/longitude a chaiff y rhes ei nodi (coord_conflict). Caiff rhesi heb gyfesurynnau y gellir eu defnyddio eu gwrthod gyda'r maes a'r gwerth. Caiff pob rhes ei mewnforio neu ei gwrthod. Mae ailfewnforio ffeil yn disodli lleoliadau'r ffeil honno.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="60"/>
        <source>A Cultural Infrastructure Map CSV file, or its http(s) URL.</source>
        <translation>Ffeil CSV o'r Map Seilwaith Diwylliannol, neu ei URL http(s).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="61"/>
        <source>Category</source>
        <translation>Categori</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="62"/>
        <source>Category of every venue in the file; empty = a &apos;category&apos; column or the file name.</source>
        <translation>Categori pob lleoliad yn y ffeil; gwag = colofn 'category' neu enw'r ffeil.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="66"/>
        <source>Coordinate disagreement tolerance (m)</source>
        <translation>Goddefiant anghytuno rhwng cyfesurynnau (m)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="73"/>
        <source>Rows whose easting/northing lie further than this from their latitude/longitude are flagged.</source>
        <translation>Caiff rhesi y mae eu easting/northing ymhellach na hyn o'u latitude/longitude eu nodi.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="28"/>
        <source>Rows whose easting/northing disagree with latitude/longitude</source>
        <translation>Rhesi y mae eu easting/northing yn anghytuno â latitude/longitude</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="28"/>
        <source>Rows with no borough</source>
        <translation>Rhesi heb fwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_cultural_venues.py" line="28"/>
        <source>Mojibake sequences repaired</source>
        <translation>Dilyniannau mojibake wedi'u trwsio</translation>
    </message>
</context>
<context>
    <name>ImportFibreSpine</name>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="31"/>
        <source>Import full-fibre spine</source>
        <translation>Mewnforio asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="34"/>
        <source>Imports any line layer (GeoJSON, GeoPackage, Shapefile, ... or an http(s) URL) as the full-fibre spine into the store table &apos;fibre_spine&apos;, in EPSG:27700.

The declared CRS is checked against the extent: latitude/longitude written in the wrong order, or British National Grid declared as WGS84, are detected and corrected (said in the log); an extent that is neither is an error. Multi-part lines become one record per part; empty parts, parts with fewer than two distinct points and non-line geometries are rejected with a reason. Re-importing the same file replaces its lines.</source>
        <translation>Yn mewnforio unrhyw haen linell (GeoJSON, GeoPackage, Shapefile, ... neu URL http(s)) fel yr asgwrn cefn ffeibr llawn i dabl 'fibre_spine' y storfa, yn EPSG:27700.

Caiff y CRS a ddatganwyd ei wirio yn erbyn yr estyniad: caiff latitude/longitude a ysgrifennwyd yn y drefn anghywir, neu Grid Cenedlaethol Prydain a ddatganwyd fel WGS84, eu canfod a'u cywiro (nodir hyn yn y log); mae estyniad nad yw'n un na'r llall yn wall. Mae llinellau aml-ran yn troi'n un cofnod ar gyfer pob rhan; caiff rhannau gwag, rhannau gyda llai na dau bwynt gwahanol a geometregau nad ydynt yn llinellau eu gwrthod gyda rheswm. Mae ailfewnforio'r un ffeil yn disodli ei llinellau.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="45"/>
        <source>A line layer file, or an http(s) URL of one.</source>
        <translation>Ffeil haen linell, neu URL http(s) i un.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="46"/>
        <source>Layer name (multi-layer files)</source>
        <translation>Enw'r haen (ffeiliau aml-haen)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="49"/>
        <source>For a GeoPackage or other multi-layer file: the layer to read; empty = the first.</source>
        <translation>Ar gyfer GeoPackage neu ffeil aml-haen arall: yr haen i'w darllen; gwag = y gyntaf.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="66"/>
        <source>{n} line parts read from {f}</source>
        <translation>Darllenwyd {n} rhan linell o {f}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="22"/>
        <source>Line parts imported</source>
        <translation>Rhannau llinell wedi'u mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_fibre_spine.py" line="22"/>
        <source>Spine length (km)</source>
        <translation>Hyd yr asgwrn cefn (km)</translation>
    </message>
</context>
<context>
    <name>ImportForwardPlans</name>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="41"/>
        <source>Import forward plans</source>
        <translation>Mewnforio cynlluniau ymlaen llaw</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="44"/>
        <source>Imports a forward plan into the local store&apos;s works layer with source &apos;plan&apos;, so that unpublished plans can be checked against Street Manager works and Section 58 restrictions. The plan is only ever written to your own store: nothing is uploaded.

Input: the CSV template (resources/templates/forward_plan_template.csv; columns plan_ref, programme, owner, utility_type, method, start_date, end_date, confidence, usrn, street_name, wkt in EPSG:27700) or a &apos;UK Future Works Profile&apos; GeoPackage (networklink + plannedprogramme). Rows with bad geometry, dates or USRN are listed in the rejects table with the field and reason. Importing a changed plan again replaces its rows; the same file again changes nothing.</source>
        <translation>Yn mewnforio cynllun ymlaen llaw i haen gwaith y storfa leol gyda'r ffynhonnell 'plan', fel bod modd gwirio cynlluniau heb eu cyhoeddi yn erbyn gwaith Street Manager a chyfyngiadau Adran 58. Dim ond i'ch storfa eich hun y caiff y cynllun ei ysgrifennu: nid oes dim yn cael ei lanlwytho.

Mewnbwn: y templed CSV (resources/templates/forward_plan_template.csv; colofnau plan_ref, programme, owner, utility_type, method, start_date, end_date, confidence, usrn, street_name, wkt yn EPSG:27700) neu GeoPackage 'UK Future Works Profile' (networklink + plannedprogramme). Caiff rhesi gyda geometreg, dyddiadau neu USRN gwallus eu rhestru yn nhabl y gwrthodiadau gyda'r maes a'r rheswm. Mae mewnforio cynllun sydd wedi newid eto yn disodli ei resi; nid yw mewnforio'r un ffeil eto yn newid dim.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="56"/>
        <source>Forward plan (CSV or GeoPackage)</source>
        <translation>Cynllun ymlaen llaw (CSV neu GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="59"/>
        <source>The CSV template or a UK Future Works Profile GeoPackage.</source>
        <translation>Y templed CSV neu GeoPackage UK Future Works Profile.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="62"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="63"/>
        <source>Planned works imported</source>
        <translation>Gwaith arfaethedig wedi'i fewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="64"/>
        <source>Rows rejected</source>
        <translation>Rhesi wedi'u gwrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="65"/>
        <source>1 when already imported (nothing changed)</source>
        <translation>1 pan fo wedi'i fewnforio eisoes (dim wedi newid)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="68"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_forward_plans.py" line="82"/>
        <source>Cancelled: the store is unchanged.</source>
        <translation>Wedi'i ganslo: nid yw'r storfa wedi newid.</translation>
    </message>
</context>
<context>
    <name>ImportOfcomCoverage</name>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="63"/>
        <source>Import Ofcom coverage (not-spots)</source>
        <translation>Mewnforio darpariaeth Ofcom (mannau digyswllt)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="66"/>
        <source>Imports Ofcom Connected Nations files (a fixed postcode CSV, a ZIP of postcode CSVs, the local-authority file or a mobile coverage file; local or http(s)) and marks not-spots.

Headers must be Ofcom&apos;s exact published ones; unknown or missing columns stop the import with the expected and found headers. Blank and N/A are empty; &apos;&lt;4&apos; (suppressed small counts) is empty and listed in &apos;suppressed&apos;; other non-numbers reject the row.

Postcodes are placed with a postcode-centroid CSV in ONS Postcode Directory layout (pcds with oseast1m/osnrth1m or lat/long), or aggregated to area polygons (AREAS: the area containing the centroid, or the area named by LOOKUP_COLUMN of the centroid file, e.g. lsoa11); metrics are premises-weighted means. Postcodes with no location are counted and listed.

Not-spot: a place where the share of premises unable to get the chosen level is at least MIN_SHARE. USO (10 Mbit/s): &apos;% of premises unable to receive decent broadband from fixed or FWA&apos; (else &apos;unable to receive 10Mbit/s&apos;); superfast (30): &apos;unable to receive 30Mbit/s&apos;; gigabit: 100 - &apos;Gigabit availability&apos;. The level and share are stamped in the layer.</source>
        <translation>Yn mewnforio ffeiliau Connected Nations Ofcom (CSV cod post sefydlog, ZIP o ffeiliau CSV cod post, y ffeil awdurdodau lleol neu ffeil darpariaeth symudol; lleol neu http(s)) ac yn nodi mannau digyswllt.

Rhaid i'r penawdau fod yn union fel y'u cyhoeddwyd gan Ofcom; mae colofnau anhysbys neu goll yn atal y mewnforio, gan ddangos y penawdau disgwyliedig a'r rhai a ganfuwyd. Mae gwag ac N/A yn wag; mae '&lt;4' (cyfrifon bach wedi'u cuddio) yn wag ac wedi'i restru yn 'suppressed'; mae gwerthoedd eraill nad ydynt yn rhifau yn peri gwrthod y rhes.

Caiff codau post eu lleoli gyda CSV canolbwyntiau cod post yng nghynllun Cyfeiriadur Codau Post yr ONS (pcds gydag oseast1m/osnrth1m neu lat/long), neu eu cyfuno'n bolygonau ardal (AREAS: yr ardal sy'n cynnwys y canolbwynt, neu'r ardal a enwir gan LOOKUP_COLUMN y ffeil canolbwyntiau, e.e. lsoa11); mae'r mesurau'n gymedrau wedi'u pwysoli yn ôl eiddo. Caiff codau post heb leoliad eu cyfrif a'u rhestru.

Man digyswllt: man lle mae cyfran yr eiddo na allant gael y lefel a ddewiswyd yn MIN_SHARE o leiaf. USO (10 Mbit/s): '% of premises unable to receive decent broadband from fixed or FWA' (fel arall 'unable to receive 10Mbit/s'); cyflym iawn (30): 'unable to receive 30Mbit/s'; gigabit: 100 - 'Gigabit availability'. Caiff y lefel a'r gyfran eu stampio yn yr haen.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="85"/>
        <source>An Ofcom CSV or a ZIP of Ofcom CSVs, or an http(s) URL of one.</source>
        <translation>CSV Ofcom neu ZIP o ffeiliau CSV Ofcom, neu URL http(s) i un.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="86"/>
        <source>Postcode centroids (ONSPD CSV or URL)</source>
        <translation>Canolbwyntiau codau post (CSV ONSPD neu URL)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="89"/>
        <source>ONS Postcode Directory-layout CSV: pcds plus oseast1m/osnrth1m or lat/long.</source>
        <translation>CSV yng nghynllun Cyfeiriadur Codau Post yr ONS: pcds ynghyd ag oseast1m/osnrth1m neu lat/long.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="91"/>
        <source>Areas (output areas, LSOAs, boroughs)</source>
        <translation>Ardaloedd (ardaloedd allbwn, LSOAs, bwrdeistrefi)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="97"/>
        <source>When given, postcodes (or local authorities) are aggregated to these polygons.</source>
        <translation>Os cânt eu rhoi, caiff codau post (neu awdurdodau lleol) eu cyfuno i'r polygonau hyn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="101"/>
        <source>Area code field</source>
        <translation>Maes cod yr ardal</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="107"/>
        <source>The areas&apos; code field (e.g. LSOA11CD; GSS_CODE for the local-authority file).</source>
        <translation>Maes cod yr ardaloedd (e.e. LSOA11CD; GSS_CODE ar gyfer y ffeil awdurdodau lleol).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="109"/>
        <source>Area column of the centroid file</source>
        <translation>Colofn ardal y ffeil canolbwyntiau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="112"/>
        <source>e.g. lsoa11: assign postcodes to areas by code instead of by location.</source>
        <translation>e.e. lsoa11: neilltuo codau post i ardaloedd yn ôl cod yn lle yn ôl lleoliad.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="115"/>
        <source>Not-spot level</source>
        <translation>Lefel man digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="115"/>
        <source>USO / decent (10 Mbit/s)</source>
        <translation>USO / digonol (10 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="115"/>
        <source>Superfast (30 Mbit/s)</source>
        <translation>Cyflym iawn (30 Mbit/s)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="115"/>
        <source>Gigabit</source>
        <translation>Gigabit</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="125"/>
        <source>The level premises should be able to get.</source>
        <translation>Y lefel y dylai eiddo allu ei chael.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="127"/>
        <source>Not-spot share (% of premises unable)</source>
        <translation>Cyfran man digyswllt (% o'r eiddo na allant)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="135"/>
        <source>A place is a not-spot when at least this % of its premises cannot get the level.</source>
        <translation>Mae man yn fan digyswllt pan na all o leiaf y % hwn o'i eiddo gael y lefel.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="169"/>
        <source>No postcode centroids given: postcodes have no location.</source>
        <translation>Ni roddwyd canolbwyntiau codau post: nid oes lleoliad gan y codau post.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="189"/>
        <source>AREA_CODE_FIELD is needed with AREAS</source>
        <translation>Mae angen AREA_CODE_FIELD gydag AREAS</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="195"/>
        <source>{n} invalid area polygons repaired</source>
        <translation>{n} polygon ardal annilys wedi'u trwsio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="204"/>
        <source>{n} located postcodes fall in no area</source>
        <translation>Nid yw {n} cod post a leolwyd mewn unrhyw ardal</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="248"/>
        <source>{f}: no usable records</source>
        <translation>{f}: dim cofnodion y gellir eu defnyddio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="250"/>
        <source>{n} postcodes have no location</source>
        <translation>Nid oes lleoliad gan {n} cod post</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="51"/>
        <source>Postcode records</source>
        <translation>Cofnodion codau post</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="51"/>
        <source>Postcodes with a location</source>
        <translation>Codau post gyda lleoliad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="51"/>
        <source>Postcodes with no location</source>
        <translation>Codau post heb leoliad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="51"/>
        <source>Areas with data</source>
        <translation>Ardaloedd gyda data</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_ofcom_coverage.py" line="51"/>
        <source>Not-spots (places at or above the share)</source>
        <translation>Mannau digyswllt (mannau ar y gyfran neu'n uwch)</translation>
    </message>
</context>
<context>
    <name>ImportPlanningSites</name>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="38"/>
        <source>Import planning sites (Planning London Datahub)</source>
        <translation>Mewnforio safleoedd cynllunio (Planning London Datahub)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="41"/>
        <source>Imports planning applications from a Planning London Datahub JSON (the raw API response rawResponse.hits.hits[]._source, a plain hits.hits response, or a saved list of hits) or a planning.data.gov.uk GeoJSON (planning-application, conservation-area, brownfield-land) into the store.

&apos;planning_sites&apos; holds one point per site (its centroid, or a point inside its polygon); &apos;planning_site_polygons&apos; the site polygons where the record has one. Centroids at the British National Grid origin (49.7668, -7.5572) are placeholders: those sites are kept with centroid_suspect = true and no geometry, so the analysis excludes them. &apos;units&apos; is application_details.residential_details.total_no_proposed_residential_units.</source>
        <translation>Yn mewnforio ceisiadau cynllunio o JSON Planning London Datahub (ymateb crai'r API rawResponse.hits.hits[]._source, ymateb hits.hits plaen, neu restr o hits a gadwyd) neu GeoJSON planning.data.gov.uk (planning-application, conservation-area, brownfield-land) i'r storfa.

Mae 'planning_sites' yn cynnwys un pwynt ar gyfer pob safle (ei ganolbwynt, neu bwynt y tu mewn i'w bolygon); 'planning_site_polygons' polygonau'r safleoedd lle mae gan y cofnod un. Mae canolbwyntiau ar darddbwynt Grid Cenedlaethol Prydain (49.7668, -7.5572) yn ddalfannau: caiff y safleoedd hynny eu cadw gyda centroid_suspect = true a dim geometreg, felly mae'r dadansoddiad yn eu hepgor. 'units' yw application_details.residential_details.total_no_proposed_residential_units.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="54"/>
        <source>A PLD JSON response or planning.data.gov.uk GeoJSON, or its URL.</source>
        <translation>Ymateb JSON PLD neu GeoJSON planning.data.gov.uk, neu ei URL.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="23"/>
        <source>Planning sites imported</source>
        <translation>Safleoedd cynllunio wedi'u mewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="23"/>
        <source>Grid-origin centroids flagged (excluded from analysis)</source>
        <translation>Canolbwyntiau ar darddbwynt y grid wedi'u nodi (wedi'u hepgor o'r dadansoddiad)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_planning_sites.py" line="23"/>
        <source>Sites with a polygon</source>
        <translation>Safleoedd gyda pholygon</translation>
    </message>
</context>
<context>
    <name>ImportStreetManager</name>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="48"/>
        <source>Import Street Manager archive</source>
        <translation>Mewnforio archif Street Manager</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="51"/>
        <source>Imports a DfT Street Manager open-data archive (a monthly ZIP, a folder of event JSON files or monthly ZIPs, a single JSON file, or an http(s) address of a monthly archive) into the local store's works and restrictions layers.

Each permit keeps its latest event (by event time, ties by event reference), also against what the store already holds, so months can be imported in any order. Section 58 records go to the restrictions layer. Bad records are listed in the store's rejects table with file, record, field and reason; an archive that cannot be read whole (truncated, damaged, unsafe member names, zip bomb) is refused whole and the store is left unchanged, as after a cancel. Importing the same file again changes nothing.

Contains Street Manager data © Department for Transport (Open Government Licence v3).</source>
        <translation>Yn mewnforio archif data agored Street Manager yr Adran Drafnidiaeth (ZIP misol, ffolder o ffeiliau JSON digwyddiadau neu ZIPau misol, un ffeil JSON, neu gyfeiriad http(s) archif fisol) i haenau gwaith a chyfyngiadau'r storfa leol.

Mae pob trwydded yn cadw ei digwyddiad diweddaraf (yn ôl amser y digwyddiad, ac os yn gyfartal yn ôl cyfeirnod y digwyddiad), hefyd o'i gymharu â'r hyn sydd eisoes yn y storfa, felly gellir mewnforio misoedd mewn unrhyw drefn. Mae cofnodion Adran 58 yn mynd i'r haen cyfyngiadau. Caiff cofnodion gwallus eu rhestru yn nhabl gwrthodiadau'r storfa gyda'r ffeil, y cofnod, y maes a'r rheswm; caiff archif na ellir ei darllen yn gyfan (wedi'i thorri, wedi'i difrodi, enwau aelodau anniogel, bom zip) ei gwrthod yn gyfan a chaiff y storfa ei gadael heb ei newid, fel ar ôl canslo. Nid yw mewnforio'r un ffeil eto yn newid dim.

Yn cynnwys data Street Manager © Yr Adran Drafnidiaeth (Trwydded Llywodraeth Agored v3).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="65"/>
        <source>Archive, folder or JSON file</source>
        <translation>Archif, ffolder neu ffeil JSON</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="71"/>
        <source>A Street Manager monthly ZIP, a folder of events/ZIPs, or one JSON event file.</source>
        <translation>ZIP misol Street Manager, ffolder o ddigwyddiadau/ZIPau, neu un ffeil digwyddiad JSON.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="75"/>
        <source>…or archive address (http/https)</source>
        <translation>…neu gyfeiriad yr archif (http/https)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="78"/>
        <source>Downloaded with QGIS&apos;s network settings (proxy, authentication) into the store&apos;s download cache, resumed when interrupted, and not downloaded again when unchanged. INPUT may also be given an address directly.</source>
        <translation>Caiff ei llwytho i lawr gyda gosodiadau rhwydwaith QGIS (dirprwy, dilysu) i storfa lwytho i lawr y storfa, caiff ei hailddechrau os caiff ei thorri, ac ni chaiff ei llwytho i lawr eto os nad yw wedi newid. Gellir hefyd rhoi cyfeiriad yn uniongyrchol i INPUT.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="86"/>
        <source>London highway authorities only</source>
        <translation>Awdurdodau priffyrdd Llundain yn unig</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="89"/>
        <source>Keep only records of the 32 boroughs, the City of London and TfL.</source>
        <translation>Cadw cofnodion y 32 bwrdeistref, Dinas Llundain a TfL yn unig.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="92"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="93"/>
        <source>Section 58 restrictions</source>
        <translation>Cyfyngiadau Adran 58</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="94"/>
        <source>Events read</source>
        <translation>Digwyddiadau a ddarllenwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="95"/>
        <source>Permits kept from this input</source>
        <translation>Trwyddedau a gadwyd o'r mewnbwn hwn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="96"/>
        <source>Restrictions kept from this input</source>
        <translation>Cyfyngiadau a gadwyd o'r mewnbwn hwn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="99"/>
        <source>Records rejected</source>
        <translation>Cofnodion wedi'u gwrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="100"/>
        <source>1 when already imported (nothing changed)</source>
        <translation>1 pan fo wedi'i fewnforio eisoes (dim wedi newid)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="103"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="120"/>
        <source>Cancelled: the store is unchanged.</source>
        <translation>Wedi'i ganslo: nid yw'r storfa wedi newid.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_street_manager.py" line="126"/>
        <source>{n} events read, {o} outside London, {x} other objects skipped</source>
        <translation>Darllenwyd {n} digwyddiad, {o} y tu allan i Lundain, hepgorwyd {x} gwrthrych arall</translation>
    </message>
</context>
<context>
    <name>ImportWorks</name>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Works reference field</source>
        <translation>Maes cyfeirnod y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Start date field</source>
        <translation>Maes y dyddiad dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>End date field</source>
        <translation>Maes y dyddiad gorffen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Promoter / owner field</source>
        <translation>Maes yr hyrwyddwr / perchennog</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Street name field</source>
        <translation>Maes enw'r stryd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>USRN field</source>
        <translation>Maes USRN</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Works category field</source>
        <translation>Maes categori'r gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Works status field</source>
        <translation>Maes statws y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Activity / works type field</source>
        <translation>Maes y gweithgaredd / math o waith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Permit status field</source>
        <translation>Maes statws y drwydded</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="43"/>
        <source>Work (scheme) reference field</source>
        <translation>Maes cyfeirnod y gwaith (cynllun)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="113"/>
        <source>Unique reference of each work in your file; stored as permit_ref &apos;works:&lt;value&gt;&apos;.</source>
        <translation>Cyfeirnod unigryw pob gwaith yn eich ffeil; caiff ei storio fel permit_ref 'works:&lt;value&gt;'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="116"/>
        <source>Start date (a date field or text such as 2026-03-16).</source>
        <translation>Dyddiad dechrau (maes dyddiad neu destun fel 2026-03-16).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="119"/>
        <source>End date (a date field or text); an end before the start is rejected.</source>
        <translation>Dyddiad gorffen (maes dyddiad neu destun); caiff diwedd cyn y dechrau ei wrthod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="122"/>
        <source>Who does the works (your organisation or contractor).</source>
        <translation>Pwy sy'n gwneud y gwaith (eich sefydliad neu gontractwr).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="123"/>
        <source>Street name.</source>
        <translation>Enw'r stryd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="124"/>
        <source>Unique Street Reference Number (number or digits); lets analyses match streets.</source>
        <translation>Cyfeirnod Stryd Unigryw (USRN: rhif neu ddigidau); mae'n galluogi dadansoddiadau i baru strydoedd.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="127"/>
        <source>Works category (e.g. major, standard, minor, immediate); stored as a code.</source>
        <translation>Categori'r gwaith (e.e. major, standard, minor, immediate); caiff ei storio fel cod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="130"/>
        <source>Status of the work (e.g. Planned, Approved); stored as a code (&apos;planned&apos;).</source>
        <translation>Statws y gwaith (e.e. Planned, Approved); caiff ei storio fel cod ('planned').</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="133"/>
        <source>Kind of activity (e.g. Mains renewal); stored as a code.</source>
        <translation>Math o weithgaredd (e.e. Mains renewal); caiff ei storio fel cod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="136"/>
        <source>Permit status, when your file has one; stored as a code.</source>
        <translation>Statws y drwydded, pan fo gan eich ffeil un; caiff ei storio fel cod.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="139"/>
        <source>A scheme or work reference shared by several rows (default: the works reference).</source>
        <translation>Cyfeirnod cynllun neu waith a rennir gan sawl rhes (rhagosodiad: cyfeirnod y gwaith).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="151"/>
        <source>Import works file</source>
        <translation>Mewnforio ffeil gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="154"/>
        <source>Imports your organisation&apos;s own works (any point, line or polygon layer: GeoPackage, GeoJSON, Shapefile, CSV with a WKT column loaded as delimited text) into the local store&apos;s works layer with source &apos;works&apos;, next to Street Manager permits and forward plans.

Map your fields onto the canonical ones: a works reference, start and end dates are required; promoter, street, USRN, category and status are optional. Each work is stored with permit_ref &apos;works:&lt;reference&gt;&apos; (work_ref is the reference, or the work reference field when mapped). The layer is reprojected from its own CRS to EPSG:27700. A file whose coordinates are clearly not British National Grid (longitude/latitude numbers, or outside EPSG:27700&apos;s area of use) is refused whole: set the layer&apos;s CRS. Rows with a missing reference, duplicate reference, missing or bad geometry, missing or unparseable dates, an end before the start or a non-numeric USRN are listed in the store&apos;s rejects table with the field and reason; the rest imports. Importing the file again replaces its works; the same content with the same mapping changes nothing. Cancelling leaves the store unchanged.</source>
        <translation>Yn mewnforio gwaith eich sefydliad eich hun (unrhyw haen pwyntiau, llinellau neu bolygonau: GeoPackage, GeoJSON, Shapefile, CSV gyda cholofn WKT wedi'i llwytho fel testun amffiniedig) i haen gwaith y storfa leol gyda'r ffynhonnell 'works', ochr yn ochr â thrwyddedau Street Manager a chynlluniau ymlaen llaw.

Mapiwch eich meysydd i'r rhai canonaidd: mae angen cyfeirnod gwaith, dyddiad dechrau a dyddiad gorffen; mae hyrwyddwr, stryd, USRN, categori a statws yn ddewisol. Caiff pob gwaith ei storio gyda permit_ref 'works:&lt;reference&gt;' (work_ref yw'r cyfeirnod, neu faes cyfeirnod y gwaith pan fo wedi'i fapio). Caiff yr haen ei haildaflunio o'i CRS ei hun i EPSG:27700. Caiff ffeil nad yw ei chyfesurynnau'n amlwg yn Grid Cenedlaethol Prydain (rhifau hydred/lledred, neu y tu allan i ardal ddefnydd EPSG:27700) ei gwrthod yn gyfan: gosodwch CRS yr haen. Caiff rhesi gyda chyfeirnod coll, cyfeirnod dyblyg, geometreg goll neu wallus, dyddiadau coll neu na ellir eu dehongli, diwedd cyn y dechrau neu USRN nad yw'n rhifol eu rhestru yn nhabl gwrthodiadau'r storfa gyda'r maes a'r rheswm; caiff y gweddill ei fewnforio. Mae mewnforio'r ffeil eto yn disodli ei gwaith; nid yw'r un cynnwys gyda'r un mapio yn newid dim. Mae canslo yn gadael y storfa heb ei newid.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="171"/>
        <source>Works layer</source>
        <translation>Haen y gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="174"/>
        <source>Your works: any point, line or polygon layer QGIS can read, in any CRS (reprojected to EPSG:27700). For a CSV with a WKT column, load it as delimited text with its CRS.</source>
        <translation>Eich gwaith: unrhyw haen pwyntiau, llinellau neu bolygonau y gall QGIS ei darllen, mewn unrhyw CRS (wedi'i haildaflunio i EPSG:27700). Ar gyfer CSV gyda cholofn WKT, llwythwch hi fel testun amffiniedig gyda'i CRS.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="195"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="196"/>
        <source>Works imported</source>
        <translation>Gwaith wedi'i fewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="197"/>
        <source>Rows rejected</source>
        <translation>Rhesi wedi'u gwrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="198"/>
        <source>1 when already imported (nothing changed)</source>
        <translation>1 pan fo wedi'i fewnforio eisoes (dim wedi newid)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="201"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="234"/>
        <source>{param} is required: choose the field of {layer} holding the {what}</source>
        <translation>Mae angen {param}: dewiswch y maes yn {layer} sy'n cynnwys {what}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="241"/>
        <source>Field {field!r} ({param}, {what}) is not in layer {layer}; its fields are: {names}</source>
        <translation>Nid yw'r maes {field!r} ({param}, {what}) yn yr haen {layer}; ei meysydd yw: {names}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="274"/>
        <source>Cancelled: the store is unchanged.</source>
        <translation>Wedi'i ganslo: nid yw'r storfa wedi newid.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/import_works.py" line="255"/>
        <source>{layer}: reprojected from {crs}</source>
        <translation>{layer}: wedi'i haildaflunio o {crs}</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../processing_algorithms/report.py" line="79"/>
        <source>Write the Dig Once report (HTML)</source>
        <translation>Ysgrifennu adroddiad Dig Once (HTML)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="82"/>
        <source>Writes one self-contained HTML file (the map embedded as an image, charts as inline SVG, no external requests) that prints cleanly to PDF from a browser.

Give any of the result layers (at least one): the pairs, groups and unusable outputs of &apos;Find works overlaps&apos;, the works, the coverage gaps of &apos;Find coverage gaps&apos;, the not-spots and the fibre spine. The report shows a map of the layers given, the top coordination groups by days saved (owners, dates, clashes, opportunities), clashes per week (the week the later of the two works starts; the group&apos;s first start when the works layer is not given) and per promoter, coverage-gap counts by class and borough, the not-spot share by borough, the parameters stamped in each result and the data sources with their catalogue dates from the store.</source>
        <translation>Yn ysgrifennu un ffeil HTML hunangynhwysol (y map wedi'i fewnosod fel delwedd, siartiau fel SVG mewnol, dim ceisiadau allanol) sy'n argraffu'n lân i PDF o borwr.

Rhowch unrhyw un o'r haenau canlyniadau (o leiaf un): allbynnau parau, grwpiau a gwaith anaddas 'Find works overlaps', y gwaith, bylchau darpariaeth 'Find coverage gaps', y mannau digyswllt a'r asgwrn cefn ffeibr. Mae'r adroddiad yn dangos map o'r haenau a roddwyd, y prif grwpiau cydlynu yn ôl y diwrnodau a arbedwyd (perchnogion, dyddiadau, gwrthdaro, cyfleoedd), gwrthdaro fesul wythnos (yr wythnos y mae'r hwyraf o'r ddau waith yn dechrau; dechrau cyntaf y grŵp pan na roddir haen y gwaith) a fesul hyrwyddwr, cyfrifon bylchau darpariaeth yn ôl dosbarth a bwrdeistref, cyfran y mannau digyswllt yn ôl bwrdeistref, y paramedrau a stampiwyd ym mhob canlyniad a'r ffynonellau data gyda dyddiadau eu catalog o'r storfa.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="101"/>
        <source>Overlap pairs</source>
        <translation>Parau gorgyffwrdd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="101"/>
        <source>The pairs output of Find works overlaps (kind, owners, ids, group).</source>
        <translation>Allbwn parau Find works overlaps (math, perchnogion, idau, grŵp).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="166"/>
        <source>Coordination groups</source>
        <translation>Grwpiau cydlynu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="102"/>
        <source>The groups output of Find works overlaps (owners, dates, days saved).</source>
        <translation>Allbwn grwpiau Find works overlaps (perchnogion, dyddiadau, diwrnodau a arbedwyd).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="174"/>
        <source>Works</source>
        <translation>Gwaith</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="103"/>
        <source>The works layer (canonical fields: permit_ref, start_date) for the map and the clash dates.</source>
        <translation>Haen y gwaith (meysydd canonaidd: permit_ref, start_date) ar gyfer y map a dyddiadau'r gwrthdaro.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="104"/>
        <source>Coverage gaps</source>
        <translation>Bylchau yn y ddarpariaeth</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="104"/>
        <source>The output of Find coverage gaps (gap_class, and a borough field).</source>
        <translation>Allbwn Find coverage gaps (gap_class, a maes bwrdeistref).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="105"/>
        <source>Not-spots</source>
        <translation>Mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="105"/>
        <source>The not-spot places (is_notspot, and a borough field such as laua_name).</source>
        <translation>Y mannau digyswllt (is_notspot, a maes bwrdeistref fel laua_name).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="106"/>
        <source>Full-fibre spine</source>
        <translation>Asgwrn cefn ffeibr llawn</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="106"/>
        <source>The fibre spine lines, drawn on the map.</source>
        <translation>Llinellau'r asgwrn cefn ffeibr, wedi'u llunio ar y map.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="113"/>
        <source>Store (for the data sources)</source>
        <translation>Storfa (ar gyfer y ffynonellau data)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="117"/>
        <source>The store whose catalogue lists the data sources; empty = the plugin&apos;s store when it exists.</source>
        <translation>Y storfa y mae ei chatalog yn rhestru'r ffynonellau data; gwag = storfa'r ategyn os yw'n bodoli.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="122"/>
        <source>Title</source>
        <translation>Teitl</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="123"/>
        <source>The report&apos;s title; empty = &apos;Dig Once report&apos;.</source>
        <translation>Teitl yr adroddiad; gwag = 'Adroddiad Dig Once'.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="124"/>
        <source>Map width (pixels)</source>
        <translation>Lled y map (picseli)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="133"/>
        <source>Width of the map image; its height follows the area&apos;s shape (at most 0.8 of the width).</source>
        <translation>Lled delwedd y map; mae ei huchder yn dilyn siâp yr ardal (0.8 o'r lled ar y mwyaf).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="136"/>
        <source>Groups listed</source>
        <translation>Grwpiau a restrir</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="145"/>
        <source>How many coordination groups the table lists, most days saved first.</source>
        <translation>Faint o grwpiau cydlynu y mae'r tabl yn eu rhestru, y rhai sy'n arbed y nifer mwyaf o ddiwrnodau yn gyntaf.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="149"/>
        <source>Report</source>
        <translation>Adroddiad</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="149"/>
        <source>HTML files (*.html)</source>
        <translation>Ffeiliau HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="152"/>
        <source>The HTML file to write (one file: images and charts are inside it).</source>
        <translation>Y ffeil HTML i'w hysgrifennu (un ffeil: mae'r delweddau a'r siartiau y tu mewn iddi).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="154"/>
        <source>Layers drawn on the map</source>
        <translation>Haenau wedi'u llunio ar y map</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="159"/>
        <source>Dig Once report</source>
        <translation>Adroddiad Dig Once</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="160"/>
        <source>Generated {when}</source>
        <translation>Cynhyrchwyd {when}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="161"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="162"/>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="163"/>
        <source>Map of the works, clashes, coordination groups, fibre spine and not-spots</source>
        <translation>Map o'r gwaith, y gwrthdaro, y grwpiau cydlynu, yr asgwrn cefn ffeibr a'r mannau digyswllt</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="164"/>
        <source>No map: no layer with a geometry was given.</source>
        <translation>Dim map: ni roddwyd haen gyda geometreg.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="165"/>
        <source>Top coordination groups</source>
        <translation>Prif grwpiau cydlynu</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="168"/>
        <source>One group is one meeting: works linked by clashes or dig-once opportunities. Days saved = the street-days of the separate works minus those of one shared opening as long as the longest (an upper bound).</source>
        <translation>Un grŵp yw un cyfarfod: gwaith wedi'i gysylltu gan wrthdaro neu gyfleoedd i gloddio unwaith. Diwrnodau a arbedwyd = diwrnodau stryd y gwaith ar wahân llai diwrnodau un agoriad a rennir sydd mor hir â'r hiraf (terfyn uchaf).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="173"/>
        <source>Group</source>
        <translation>Grŵp</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="175"/>
        <source>Owners</source>
        <translation>Perchnogion</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="176"/>
        <source>First start</source>
        <translation>Dechrau cyntaf</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="177"/>
        <source>Last end</source>
        <translation>Diwedd olaf</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="178"/>
        <source>Clashes</source>
        <translation>Gwrthdaro</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="179"/>
        <source>Opportunities</source>
        <translation>Cyfleoedd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="180"/>
        <source>Days saved</source>
        <translation>Diwrnodau a arbedwyd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="181"/>
        <source>Clashes per week</source>
        <translation>Gwrthdaro fesul wythnos</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="182"/>
        <source>Clashes per promoter</source>
        <translation>Gwrthdaro fesul hyrwyddwr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="183"/>
        <source>Week of</source>
        <translation>Wythnos yn dechrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="184"/>
        <source>Promoter</source>
        <translation>Hyrwyddwr</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="185"/>
        <source>Count</source>
        <translation>Nifer</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="186"/>
        <source>Coverage gaps by class and borough</source>
        <translation>Bylchau yn y ddarpariaeth yn ôl dosbarth a bwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="187"/>
        <source>Borough</source>
        <translation>Bwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="188"/>
        <source>Total</source>
        <translation>Cyfanswm</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="189"/>
        <source>Not-spot share by borough</source>
        <translation>Cyfran mannau digyswllt yn ôl bwrdeistref</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="190"/>
        <source>Share of places in a not-spot (%)</source>
        <translation>Cyfran y mannau sydd mewn man digyswllt (%)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="191"/>
        <source>Parameters</source>
        <translation>Paramedrau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="192"/>
        <source>Layer</source>
        <translation>Haen</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="193"/>
        <source>Algorithm</source>
        <translation>Algorithm</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="194"/>
        <source>Run at</source>
        <translation>Rhedwyd am</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="195"/>
        <source>Data sources</source>
        <translation>Ffynonellau data</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="196"/>
        <source>Kind</source>
        <translation>Math</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="197"/>
        <source>Source</source>
        <translation>Ffynhonnell</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="198"/>
        <source>Imported</source>
        <translation>Wedi'i fewnforio</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="199"/>
        <source>Rejected</source>
        <translation>Wedi'i wrthod</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="200"/>
        <source>When</source>
        <translation>Pryd</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="201"/>
        <source>Nothing to show.</source>
        <translation>Dim i'w ddangos.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="202"/>
        <source>Other</source>
        <translation>Arall</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="203"/>
        <source>(unknown)</source>
        <translation>(anhysbys)</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="204"/>
        <source>Dig Once. Contains Street Manager data © Department for Transport, Ofcom and GLA data (Open Government Licence v3.0).</source>
        <translation>Dig Once. Yn cynnwys data Street Manager © Yr Adran Drafnidiaeth, a data Ofcom a'r GLA (Trwydded Llywodraeth Agored v3.0).</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="208"/>
        <source>en</source>
        <translation>cy</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="220"/>
        <source>Cancelled</source>
        <translation>Wedi'i ganslo</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="233"/>
        <source>Give at least one layer: pairs, groups, works, coverage gaps, not-spots or the spine.</source>
        <translation>Rhowch o leiaf un haen: parau, grwpiau, gwaith, bylchau yn y ddarpariaeth, mannau digyswllt neu'r asgwrn cefn.</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="247"/>
        <source>Reading the layers</source>
        <translation>Yn darllen yr haenau</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="294"/>
        <source>Rendering the map</source>
        <translation>Yn llunio'r map</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="304"/>
        <source>Report written to {0}</source>
        <translation>Ysgrifennwyd yr adroddiad i {0}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="331"/>
        <source>The store {0} cannot be read: {1}</source>
        <translation>Methu darllen y storfa {0}: {1}</translation>
    </message>
    <message>
        <location filename="../processing_algorithms/report.py" line="167"/>
        <source>Sites in not-spots</source>
        <translation>Safleoedd mewn mannau digyswllt</translation>
    </message>
</context>
</TS>

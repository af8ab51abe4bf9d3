"""The Welsh (cy) translation: complete and well-formed, compiled, and shown in the dock and in
the Processing algorithms when QGIS runs in Welsh; switching back leaves English."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QGroupBox, QLabel, QPushButton

from dig_once.plugin.toolbelt.i18n import install_translator, remove_translator
from dig_once.plugin.toolbelt.settings import PluginSettings
from dig_once.processing_algorithms.base import BaseAlgorithm
from dig_once.processing_algorithms.report import Report

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "i18n" / "dig_once_cy.ts"
QM = REPO / "i18n" / "dig_once_cy.qm"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


@pytest.fixture(scope="module")
def welsh_qm() -> Path:
    """The compiled catalogue, built with ``scripts/i18n.sh compile`` when missing or stale."""
    if not QM.exists() or QM.stat().st_mtime < TS.stat().st_mtime:
        result = subprocess.run(
            ["bash", str(REPO / "scripts" / "i18n.sh"), "compile"], cwd=REPO, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert QM.exists() and QM.stat().st_size > 0
    return QM


@pytest.fixture
def welsh(qgis_app, welsh_qm):
    """QGIS in Welsh for one test: ``locale/userLocale`` = cy; restored afterwards."""
    settings = QgsSettings()
    had_locale = settings.contains("locale/userLocale")
    before = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", "cy")
    try:
        yield
    finally:
        if had_locale:
            settings.setValue("locale/userLocale", before)
        else:
            settings.remove("locale/userLocale")


def test_qm_is_compiled(welsh_qm):
    assert welsh_qm.suffix == ".qm"


def test_ts_is_complete_and_keeps_placeholders_and_markup():
    messages = _messages()
    assert len(messages) > 400
    problems = []
    for context, source, message in messages:
        translation = message.find("translation")
        text = translation.text if translation is not None else None
        where = f"[{context}] {source[:60]!r}"
        if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{where}: unfinished")
            continue
        if not (text or "").strip():
            problems.append(f"{where}: empty")
            continue
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{where}: placeholders {PLACEHOLDER.findall(text)}")
        if sorted(TAG.findall(source)) != sorted(TAG.findall(text)):
            problems.append(f"{where}: HTML tags {TAG.findall(text)}")
        if source.count("\n\n") != text.count("\n\n"):
            problems.append(
                f"{where}: {text.count(chr(10) * 2)} paragraphs, source {source.count(chr(10) * 2)}"
            )
    assert not problems, "\n".join(problems)


def test_ts_contexts_are_the_ones_looked_up_at_run_time(plugin_provider):
    """A context the code never asks for (e.g. ``alg`` from ``alg.tr(...)``) is a lost string."""
    classes = {"@default"}
    for alg in plugin_provider.algorithms():
        classes.update(
            c.__name__ for c in type(alg).__mro__ if isinstance(c, type) and issubclass(c, BaseAlgorithm)
        )
    contexts = {context for context, _, _ in _messages()}
    assert contexts <= classes, f"contexts not used at run time: {sorted(contexts - classes)}"


@pytest.fixture
def store_path(tmp_path):
    settings = PluginSettings.load()
    settings.store_path = str(tmp_path / "store" / "dig_once_store.gpkg")
    settings.save()
    yield settings.store_path
    PluginSettings.reset()


def test_dock_and_algorithms_speak_welsh(welsh, qgis_iface, plugin_module, plugin_provider, store_path):
    QgsProject.instance().clear()
    english = {alg.id(): alg.displayName() for alg in plugin_provider.algorithms()}
    extracted = {context for context, _, _ in _messages()}
    plugin = plugin_module.classFactory(qgis_iface)  # installs the translator of locale/userLocale
    try:
        assert plugin.translator is not None, "locale/userLocale = cy must load i18n/dig_once_cy.qm"
        plugin.init_dock()
        dock = plugin.dock
        tabs = dock.tabs
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        assert titles == ["Data", "Gwiriadau", "Fy nghynllun", "Cofrestr a rennir", "Gosodiadau"]

        def button(name: str) -> str:
            widget = dock.findChild(QPushButton, name)
            assert widget is not None, name
            return widget.text()

        assert button("import_streetworks") == "Mewnforio"
        assert button("rejects_streetworks") == "Gwrthodiadau"
        assert button("run_findworksoverlaps") == "Rhedeg"
        assert dock.liveStartButton.text() == "Dechrau'r gwiriad byw"
        assert dock.saveSettingsButton.text() == "Cadw"
        assert dock.resetSettingsButton.text() == "Ailosod i'r rhagosodiadau"
        assert dock.planLayerLabel.text() == "Haen fy nghynllun"
        assert dock.storePathLabel.text() == "Storfa (GeoPackage)"
        labels = [w.text() for w in dock.findChildren(QLabel)]
        assert "<b>Gwaith stryd (archif Street Manager)</b>" in labels
        assert "<b>Asgwrn cefn ffeibr llawn</b>" in labels
        section = dock.findChild(QGroupBox, "check_findworksoverlaps")
        assert section.title() == "Canfod gwrthdaro rhwng gwaith a chyfleoedd i gloddio unwaith"

        registry = QgsApplication.processingRegistry()
        overlaps = registry.algorithmById("digonce:findworksoverlaps").create()  # initialised in Welsh
        assert overlaps.displayName() == "Canfod gwrthdaro rhwng gwaith a chyfleoedd i gloddio unwaith"
        assert overlaps.group() == "Dadansoddi"
        assert overlaps.parameterDefinition("ID_FIELD").description() == "Maes cyfeirnod y gwaith"
        # strings of a shared base class (ConnectivityImport) and of a per-class label table
        spine = registry.algorithmById("digonce:importfibrespine").create()
        assert spine.displayName() == "Mewnforio asgwrn cefn ffeibr llawn"
        assert spine.group() == "Mewnforio"
        assert spine.outputDefinition("IMPORTED").description() == "Cofnodion wedi'u mewnforio"
        assert spine.outputDefinition("PARTS").description() == "Rhannau llinell wedi'u mewnforio"
        assert Report().labels()["lang"] == "cy"
        # every algorithm whose strings are in the catalogue shows its Welsh name
        still_english = [
            alg.id()
            for alg in plugin_provider.algorithms()
            if type(alg).__name__ in extracted and alg.displayName() == english[alg.id()]
        ]
        assert not still_english, f"displayName not translated: {still_english}"
        groups = {alg.group_name: alg.group() for alg in plugin_provider.algorithms()}
        assert all(
            welsh != name for name, welsh in groups.items()
        ), f"group names not translated (mark them in base.GROUP_NAMES): {groups}"
    finally:
        plugin.unload()
        QgsProject.instance().clear()
    assert plugin.translator is None
    assert QCoreApplication.translate("@default", "Checks") == "Checks"
    assert plugin_provider.algorithm("findworksoverlaps").displayName() == (
        "Find works clashes and dig-once opportunities"
    )


def test_install_translator_directly_and_remove(welsh_qm, qgis_app):
    translator = install_translator("cy")
    assert translator is not None
    try:
        assert QCoreApplication.translate("@default", "Settings") == "Gosodiadau"
        assert QCoreApplication.translate("BaseAlgorithm", "Report") == "Adroddiad"
    finally:
        remove_translator(translator)
    assert QCoreApplication.translate("@default", "Settings") == "Settings"

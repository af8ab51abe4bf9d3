"""The plugin loads the way QGIS loads it, registers its provider and leaves no trace."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication


def _digonce_ids() -> list[str]:
    return sorted(
        a.id() for a in QgsApplication.processingRegistry().algorithms() if a.provider().id() == "digonce"
    )


def test_class_factory_init_and_unload_leave_no_trace(qgis_iface, no_digonce_provider, plugin_module):
    registry = QgsApplication.processingRegistry()
    assert registry.providerById("digonce") is None

    plugin = plugin_module.classFactory(qgis_iface)
    plugin.initProcessing()
    plugin.initGui()
    provider = registry.providerById("digonce")
    assert provider is not None
    assert provider.name() == "Dig Once"
    assert plugin.actions, "initGui adds a toolbar/menu action"

    plugin.unload()
    assert registry.providerById("digonce") is None
    assert plugin.actions == []
    assert plugin.translator is None
    QCoreApplication.processEvents()
    from qgis.PyQt.QtWidgets import QDockWidget

    left = [w.objectName() for w in qgis_iface.mainWindow().findChildren(QDockWidget)]
    assert "DigOnceDock" not in left, "the panel goes with the plugin"


def test_init_processing_without_iface(no_digonce_provider, plugin_module):
    plugin = plugin_module.classFactory(None)
    plugin.initProcessing()
    plugin.initProcessing()  # idempotent: one provider
    assert QgsApplication.processingRegistry().providerById("digonce") is plugin.provider
    plugin.unload()
    assert QgsApplication.processingRegistry().providerById("digonce") is None


def test_provider_lists_algorithms_with_help(plugin_provider):
    algs = plugin_provider.algorithms()
    assert len(algs) >= 12
    for alg in algs:
        assert alg.id().startswith("digonce:")
        assert alg.name() == alg.name().lower()
        assert alg.displayName()
        assert alg.shortHelpString(), f"{alg.id()} has no help"
        for param in alg.parameterDefinitions():
            assert param.help(), f"{alg.id()} parameter {param.name()} has no help"


def test_qgis_process_lists_digonce(run_qgis_process):
    result = run_qgis_process(["list"])
    assert "Dig Once" in result.stdout or "digonce" in result.stdout
    listed = run_qgis_process(["list"], json_output=True)
    assert "digonce" in listed["providers"]
    provider = listed["providers"]["digonce"]
    assert provider["name"] == "Dig Once"


def test_translator_follows_locale(qgis_app, plugin_module, tmp_path):
    from dig_once.plugin.toolbelt.i18n import install_translator, remove_translator

    translator = install_translator("cy")
    try:
        if translator is None:
            import pytest

            pytest.skip("no compiled Welsh translation (run scripts/i18n.sh compile)")
        assert QCoreApplication.translate("@default", "Dig Once toolbox") != "Dig Once toolbox"
    finally:
        remove_translator(translator)
    assert QCoreApplication.translate("@default", "Dig Once toolbox") == "Dig Once toolbox"


def test_help_speaks_to_a_planner_first_and_is_plain_text_outside_the_desktop(plugin_provider):
    """The first paragraph says what the tool is for in a planner's words; the exact rule follows."""
    from dig_once.processing_algorithms.base import plain_help

    jargon = ("GEOS", "EPSG", "≤", "start_a", "Euclidean", "spatial index", "STRtree", "make_valid")
    for alg in plugin_provider.algorithms():
        text = alg.shortHelpString()
        assert "<b>" not in text and "<br" not in text, f"{alg.id()}: qgis_process prints tags as they are"
        first = plain_help(text).split("\n\n")[0]
        assert not [w for w in jargon if w in first], f"{alg.id()} opens with the specification: {first}"


def test_unload_deletes_the_panel_and_its_forms_at_once(qgis_iface, no_digonce_provider, plugin_module):
    """A reinstall unloads the plugin inside the Plugin Manager: a panel left to ``deleteLater``
    lived on until that dialog closed (a desktop campaign found it alive after the reinstall,
    with its forms still listening to the project), its forms pointing at the parameters of the
    provider just removed; QGIS died in one of them when the project was cleared."""
    from qgis.PyQt import sip

    plugin = plugin_module.classFactory(qgis_iface)
    plugin.initProcessing()
    plugin.initGui()
    dock = plugin.dock
    forms = [section.form for section in dock.checks.values()]
    assert forms and not any(sip.isdeleted(f) for f in forms)
    plugin.unload()
    assert sip.isdeleted(dock), "the panel is deleted by unload itself, not later"
    assert all(sip.isdeleted(f) for f in forms)

"""Every import sits on the one import base (processing_algorithms/_import_base.py): STORE,
AUTHCFG for address inputs and a help text for every parameter come from one place."""

from __future__ import annotations

from qgis.core import QgsApplication

from dig_once.processing_algorithms._import_base import ImportAlgorithm


def test_every_import_algorithm_derives_from_the_import_base_with_store_authcfg_and_help(plugin_provider):
    imports = [alg for alg in plugin_provider.algorithms() if alg.groupId() == "import"]
    assert len(imports) >= 8, [alg.id() for alg in imports]
    for listed in imports:
        alg = QgsApplication.processingRegistry().algorithmById(listed.id())
        assert isinstance(alg, ImportAlgorithm), alg.id()
        names = [p.name() for p in alg.parameterDefinitions()]
        assert "STORE" in names, alg.id()
        # every input that may be an http(s) address takes its credentials from QGIS (a works
        # layer is opened by QGIS itself)
        assert ("AUTHCFG" in names) == (alg.id() != "digonce:importworks"), alg.id()
        no_help = [p.name() for p in alg.parameterDefinitions() if not p.help().strip()]
        assert not no_help, f"{alg.id()}: parameters without help: {no_help}"
        assert alg.outputDefinition("MESSAGE") is not None, alg.id()


#: the two shapes STORE keeps (why: _import_base's docstring): a destination with the plugin's
#: store as default and a STORE output, or an optional advanced file where empty = that store
STORE_DESTINATION = {"digonce:importstreetmanager", "digonce:importforwardplans", "digonce:importworks"}


def test_store_keeps_its_two_declared_shapes_and_both_open_the_plugins_store_when_unset(
    plugin_provider, tmp_path
):
    from qgis.core import QgsProcessingContext

    from dig_once.plugin.toolbelt.settings import PluginSettings

    settings = PluginSettings.load()
    settings.store_path = str(tmp_path / "profile" / "dig_once_store.gpkg")
    settings.save()
    context = QgsProcessingContext()
    imports = [alg for alg in plugin_provider.algorithms() if alg.groupId() == "import"]
    try:
        _check_store_shapes(imports, context, tmp_path, settings.store_path)
    finally:
        PluginSettings.reset()


def _check_store_shapes(imports, context, tmp_path, plugin_store: str) -> None:
    from qgis.core import QgsProcessingParameterDefinition

    for listed in imports:
        alg = listed.create()
        store = alg.parameterDefinition("STORE")
        advanced = bool(store.flags() & QgsProcessingParameterDefinition.FlagAdvanced)
        if alg.id() in STORE_DESTINATION:
            assert store.type() == "fileDestination" and not advanced, alg.id()
            assert store.defaultValue() == plugin_store, alg.id()
            assert alg.outputDefinition("STORE") is not None, alg.id()
        else:
            assert store.type() == "file" and advanced, alg.id()
            assert store.flags() & QgsProcessingParameterDefinition.FlagOptional, alg.id()
            assert alg.outputDefinition("STORE") is None, alg.id()
        # read the one way: the path given, else the plugin's store
        given = tmp_path / f"{alg.name()}.gpkg"
        assert alg.open_store({"STORE": str(given)}, context).path == given, alg.id()
        assert str(alg.open_store({}, context).path) == plugin_store, alg.id()

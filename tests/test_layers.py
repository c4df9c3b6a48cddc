"""The layer rules, read from the source: they fail the day someone breaks them, not the day a test imports it.

Imports are read with `ast`, including those inside functions (the lazy ones a plain import test never
runs) and followed through the package's own modules, so `facts/` reaching Textual by way of some
helper module counts too.
"""

from __future__ import annotations

import ast
from functools import cache
from importlib.util import resolve_name
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "xiaomi_tui"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@cache
def imports(module: str) -> frozenset[tuple[str, str | None]]:
    """(module, name) for every import in `module`'s source; name is None for `import x`."""
    found: set[tuple[str, str | None]] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update((alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
            base = resolve_name("." * node.level + (node.module or ""), package)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add((submodule, None) if submodule in MODULES else (base, alias.name))
    return frozenset(found)


def reachable(start: str) -> dict[str, str]:
    """Every module `start` imports, directly or through the package's own modules: module -> importer."""
    seen: dict[str, str] = {}
    pending = [start]
    while pending:
        current = pending.pop()
        for imported, _ in imports(current):
            if imported not in seen:
                seen[imported] = current
                if imported in MODULES:
                    pending.append(imported)
    return seen


def is_under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


FACTS = [module for module in MODULES if is_under(module, "xiaomi_tui.facts") or is_under(module, "xiaomi_tui.io")]
UI = [module for module in MODULES if is_under(module, "xiaomi_tui.ui")]
LOADING_INTERNALS = ("xiaomi_tui.facts.load.cache", "xiaomi_tui.facts.load.schema")


def test_the_package_is_where_the_rules_expect_it() -> None:
    """A moved package would make every rule below pass on nothing."""
    assert "xiaomi_tui.facts.load.loader" in FACTS and "xiaomi_tui.ui.app" in UI


def test_the_data_layer_is_in_packages_named_for_its_parts() -> None:
    """Model, loading, analysis, outcomes, citations and exports each have a folder; few modules stand loose."""
    loose = [path.name for path in (PACKAGE / "facts").glob("*.py") if path.name != "__init__.py"]
    folders = {path.name for path in (PACKAGE / "facts").iterdir() if (path / "__init__.py").is_file()}
    assert len(loose) <= 8, loose
    assert {"model", "load", "analysis", "outcomes", "citations", "export"} <= folders


@pytest.mark.parametrize("module", FACTS)
def test_the_data_layer_never_reaches_textual_nor_the_ui(module: str) -> None:
    reached = reachable(module)
    forbidden = {imported: importer for imported, importer in reached.items()
                 if is_under(imported, "textual") or is_under(imported, "xiaomi_tui.ui")}
    assert forbidden == {}, f"{module} reaches (module: imported by) {forbidden}"


def internals_used(module: str) -> list[str]:
    """The cache and the validator are the loader's business; names with an underscore are a module's own."""
    return sorted(f"{imported}.{name}" if name else imported for imported, name in imports(module)
                  if any(is_under(imported, internal) for internal in LOADING_INTERNALS)
                  or (is_under(imported, "xiaomi_tui.facts") and name is not None and name.startswith("_")))


@pytest.mark.parametrize("module", UI)
def test_the_ui_uses_only_what_the_data_layer_offers(module: str) -> None:
    assert internals_used(module) == []


SERVER_SIDE = ("textual_serve", "aiohttp", "xiaomi_tui.web.server")


@pytest.mark.parametrize("module", UI)
def test_an_app_never_loads_the_server(module: str) -> None:
    """Every browser tab starts an app: textual-serve and aiohttp in each would only slow its start."""
    reached = reachable(module)
    assert {imported: importer for imported, importer in reached.items()
            if any(is_under(imported, package) for package in SERVER_SIDE)} == {}


def test_the_rules_catch_a_lazy_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above, on a module that breaks both rules inside a function."""
    broken = tmp_path / "broken.py"
    broken.write_text("def show():\n    from xiaomi_tui.facts.load import cache\n"
                      "    from xiaomi_tui.facts.load.loader import _decode\n    from ..io.clipboard import copy\n"
                      "    from textual.app import App\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "xiaomi_tui.facts.broken", broken)
    assert "textual.app" in reachable("xiaomi_tui.facts.broken")
    assert "xiaomi_tui.io.clipboard" in reachable("xiaomi_tui.facts.broken")  # relative, resolved
    assert internals_used("xiaomi_tui.facts.broken") == [
        "xiaomi_tui.facts.load.cache", "xiaomi_tui.facts.load.loader._decode"]


UI_HELPERS = [module for module in UI if module != "xiaomi_tui.ui.app"]


def names_textual_app(module: str) -> list[int]:
    """The lines of `module` that name Textual's `App` (imported, or as `textual.app.App`): a helper that takes
    `App[...]` reaches into the whole app, where a small Protocol says what it uses."""
    found = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "textual.app":
            found += [node.lineno for alias in node.names if alias.name == "App"]
        elif getattr(node, "id", None) == "App" or getattr(node, "attr", None) == "App":  # a Name, an Attribute
            found.append(node.lineno)
    return found


@pytest.mark.parametrize("module", UI_HELPERS)
def test_only_the_app_module_names_the_app(module: str) -> None:
    """Helpers, panes and screens take a small Protocol or the values they need, never the whole app: no
    import of it (not even for typing, which hid a circle), no name of it, not even in a string, and not
    Textual's `App` class either."""
    assert "xiaomi_tui.ui.app" not in {imported for imported, _ in imports(module)}
    assert "XiaomiApp" not in MODULES[module].read_text(encoding="utf-8")
    assert names_textual_app(module) == []


def test_the_app_rule_catches_a_typing_only_import_and_textuals_app(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    helper = tmp_path / "helper.py"
    helper.write_text("from typing import TYPE_CHECKING, Any\nif TYPE_CHECKING:\n    from xiaomi_tui.ui.app import Other\n"
                      "from textual.app import App, ComposeResult\nimport textual.app\n"
                      "def run(app: App[Any], later: textual.app.App[Any]) -> None: ...\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "xiaomi_tui.ui.helper", helper)
    imports.cache_clear()
    assert "xiaomi_tui.ui.app" in {imported for imported, _ in imports("xiaomi_tui.ui.helper")}
    assert names_textual_app("xiaomi_tui.ui.helper") == [4, 6, 6]


def bindings_made(module: str) -> list[int]:
    """The lines of `module` that make a `Binding`: every key is defined in keys.py, so a keymap can name it."""
    return [node.lineno for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and (getattr(node.func, "id", None) == "Binding"
                                               or getattr(node.func, "attr", None) == "Binding")]


@pytest.mark.parametrize("module", [module for module in MODULES if module != "xiaomi_tui.ui.keys"])
def test_every_binding_is_made_in_keys(module: str) -> None:
    assert bindings_made(module) == []


def test_the_binding_rule_catches_a_binding_made_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    widget = tmp_path / "widget.py"
    widget.write_text("from textual import binding\nfrom textual.binding import Binding\n"
                      "KEYS = [Binding('x', 'go'), binding.Binding('y', 'stop')]\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "xiaomi_tui.ui.widget", widget)
    assert bindings_made("xiaomi_tui.ui.widget") == [3, 3]


@pytest.mark.parametrize("module", [module for module in UI if is_under(module, "xiaomi_tui.ui.render")
                                    or module == "xiaomi_tui.ui.view"])
def test_the_view_and_the_renderers_never_reach_textual(module: str) -> None:
    """What a pane shows and how a row or a detail is drawn are tested without an app: no Textual in them."""
    reached = reachable(module)
    assert {imported: importer for imported, importer in reached.items() if is_under(imported, "textual")} == {}

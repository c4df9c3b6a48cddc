"""The X11 CLIPBOARD selection held with a citation as plain text and as HTML at once, as Zotero's Quick Copy
puts it there: a word processor pastes the HTML (italics, curly quotes), a terminal or a plain editor the text.
xclip and xsel offer one type per process, so this is a selection owner of our own (python-xlib, pure Python).

Run as `python -m xiaomi_tui.io.x11_selection` with `{"text": ..., "html": ...}` as JSON on stdin: it takes the
selection, prints `owned` (or why not) and closes stdout, then answers paste requests in the background until
another program takes the selection, as xclip does.
"""

from __future__ import annotations

import json
import sys
from typing import Any

PLAIN_TARGETS = ("UTF8_STRING", "text/plain;charset=utf-8", "text/plain", "TEXT", "STRING")
HTML_TARGETS = ("text/html",)


def main() -> int:
    from Xlib import X, Xatom, display, error
    from Xlib.protocol import event

    payload = json.load(sys.stdin)
    try:
        screen = display.Display()
    except (error.DisplayError, error.ConnectionClosedError) as problem:
        print(f"no X display: {problem}", flush=True)
        return 1
    window = screen.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
    clipboard, targets = screen.intern_atom("CLIPBOARD"), screen.intern_atom("TARGETS")
    text, html = payload["text"].encode("utf-8"), payload["html"].encode("utf-8")
    served: dict[int, tuple[int, bytes]] = {}
    for name in PLAIN_TARGETS:
        atom = screen.intern_atom(name)
        served[atom] = (Xatom.STRING, payload["text"].encode("latin-1", "replace")) if name == "STRING" else (
            screen.intern_atom("UTF8_STRING") if name in ("UTF8_STRING", "TEXT") else atom, text)
    for name in HTML_TARGETS:
        atom = screen.intern_atom(name)
        served[atom] = (atom, html)
    window.set_selection_owner(clipboard, X.CurrentTime)
    if screen.get_selection_owner(clipboard) != window:
        print("another program kept the clipboard", flush=True)
        return 1
    print("owned", flush=True)
    sys.stdout.close()
    while True:
        request: Any = screen.next_event()
        if request.type == X.SelectionClear:
            return 0
        if request.type != X.SelectionRequest:
            continue
        answered = request.property if request.property != X.NONE else request.target
        if request.target == targets:
            request.requestor.change_property(answered, Xatom.ATOM, 32, [targets, *served])
        elif request.target in served:
            kind, data = served[request.target]
            request.requestor.change_property(answered, kind, 8, data)
        else:
            answered = X.NONE
        request.requestor.send_event(event.SelectionNotify(
            time=request.time, requestor=request.requestor, selection=request.selection, target=request.target,
            property=answered), event_mask=0)
        screen.flush()


if __name__ == "__main__":
    sys.exit(main())

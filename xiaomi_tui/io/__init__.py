"""The machine around the app: files read and written safely, and the clipboard. Neither imports Textual."""

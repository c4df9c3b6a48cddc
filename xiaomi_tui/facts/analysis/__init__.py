"""Where the sources agree: two claims compared, each topic's status over the sources in view, search, a reload's changes."""

"""Citation formatters, pinned by exact strings checked against the APA 7, MLA 9 and Chicago 17 examples.

The fixture covers what the press gives us: a signed article dated to the day (ArenaEV), an unsigned
one dated to the month (Pandaily), a blog post with nothing but a title, an untitled article dated to
the year, and an agency story whose text holds characters BibTeX and Markdown would read.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import record

from xiaomi_tui.facts.citations import (
    STYLES,
    UnknownStyle,
    cite_claim,
    cite_source,
    csl_item,
)
from xiaomi_tui.facts.citations.data import as_cited_prefix, published_after_note, ris
from xiaomi_tui.facts.citations.text import html
from xiaomi_tui.facts.load.loader import FactsError, loads
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim, Source
from xiaomi_tui.settings import Settings

FACTS_TOML = r"""
[meta]
title = "Citation fixtures"
as_of = "2024-01-01"

[[sources]]
id = "arenaev-spy"
publisher = "ArenaEV"
title = "Xiaomi electric sedan revealed in spy photos"
author = "Max McDee"
published = "2023-11-04"
url = "https://m.arenaev.com/xiaomi_electric_sedan_revealed_in_spy_photos-news-2674.php"

[[sources]]
id = "pandaily-meeting"
publisher = "Pandaily"
title = "Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies"
published = "2023-11"
url = "https://pandaily.cn/xiaomi-held-exclusive-closed-door-meeting-on-ev-strategies/"

[[sources]]
id = "blog-ev1"
title = "Xiaomi EV-1"
kind = "blog"

[[sources]]
id = "evweekly-2023"
publisher = "EV Weekly"
published = "2023"
url = "https://evweekly.example/xiaomi-foton"

[[sources]]
id = "xinhua-rd"
publisher = "Xinhua"
author = "Xinhua"
title = 'R&D_spend up 50% to $1.4 billion: #EV {plan} at C:\temp ~ [bold]'
published = "late-2023-11"
url = "https://example.com/r_d?q={x}&p=50%25#top"
kind = "analysis"

[[parties]]
id = "xiaomi"
name = "Xiaomi"
kind = "organisation"

[[topics]]
id = "body"
label = "Body style"
pane = "specs"
kind = "text"

[[claims]]
id = "arenaev-sedan"
topic = "body"
source = "arenaev-spy"
statement = "Spy photos show Xiaomi's first car is a sedan."
value = "sedan"
origin = "xiaomi"
para = 5

[[claims]]
id = "pandaily-sedan"
topic = "body"
source = "pandaily-meeting"
statement = "Xiaomi told partners its first car is a sedan."
value = "sedan"
origin = "xiaomi"
para = 3

[[claims]]
id = "blog-sedan"
topic = "body"
source = "blog-ev1"
statement = "The blogger calls the car a sporty sedan."
value = "sedan"
origin = "xiaomi"
para = 2

[[claims]]
id = "evweekly-sedan"
topic = "body"
source = "evweekly-2023"
statement = "The article calls the car a sedan."
value = "sedan"
origin = "xiaomi"
para = 7

[[claims]]
id = "xinhua-rd"
topic = "body"
source = "xinhua-rd"
statement = "[bold]Xiaomi[/bold] spent *50%* more on R&D_spend."
value = "sedan"
origin = "xiaomi"
para = 1
"""

ARENA_URL = "https://m.arenaev.com/xiaomi_electric_sedan_revealed_in_spy_photos-news-2674.php"
PANDAILY_URL = "https://pandaily.cn/xiaomi-held-exclusive-closed-door-meeting-on-ev-strategies/"
XINHUA_TITLE = r"R&D_spend up 50% to $1.4 billion: #EV {plan} at C:\temp ~ [bold]"


@pytest.fixture(scope="module")
def facts() -> FactBase:
    return loads(FACTS_TOML)


def source_cited(facts: FactBase, source_id: str, style: str) -> str:
    return cite_source(facts.sources[source_id], style)


def claim_cited(facts: FactBase, claim_id: str, style: str, with_statement: bool = False) -> str:
    return cite_claim(facts, facts.claims[claim_id], style, with_statement=with_statement)


def test_styles_are_offered_in_order_with_their_labels():
    assert {key: style.label for key, style in STYLES.items()} == {
        "apa": "APA 7",
        "mla": "MLA 9",
        "chicago": "Chicago (notes-bibliography)",
        "bibtex": "BibTeX",
        "csl-json": "CSL-JSON",
        "csl-citation": "CSL citation (citeproc-js)",
        "pandoc": "pandoc Markdown",
        "markdown": "Markdown link",
        "plain": "Plain text",
    }
    assert Settings().citation_style == "apa" and "apa" in STYLES  # what `c` copies until the user picks another
    assert all(key == style.key for key, style in STYLES.items())


@pytest.mark.parametrize("cite", [
    lambda facts: cite_source(facts.sources["arenaev-spy"], "harvard"),
    lambda facts: cite_claim(facts, facts.claims["arenaev-sedan"], "APA"),
])
def test_an_unknown_style_is_refused_with_the_valid_keys(facts, cite):
    with pytest.raises(UnknownStyle) as raised:
        cite(facts)
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).endswith(
        "choose one of apa, mla, chicago, bibtex, csl-json, csl-citation, pandoc, markdown, plain")


# -- APA 7 --------------------------------------------------------------------------------------


@pytest.mark.parametrize("source_id, expected", [
    ("arenaev-spy",  # APA 7 news website: Author, A. A. (Year, Month Day). Title. Site Name. URL
     f"McDee, M. (2023, November 4). Xiaomi electric sedan revealed in spy photos. ArenaEV. {ARENA_URL}"),
    ("pandaily-meeting",  # no author: the title moves to the author position
     f"Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies. (2023, November). Pandaily. {PANDAILY_URL}"),
    ("blog-ev1", "Xiaomi EV-1. (n.d.)."),
    ("evweekly-2023",  # no byline, no headline: the description in brackets takes the author's place (APA 7 §9.29)
     "[News article]. (2023). EV Weekly. https://evweekly.example/xiaomi-foton"),
    ("xinhua-rd",  # group author that is also the site: the site name is omitted; the title is kept literally
     f"Xinhua. (2023, November). {XINHUA_TITLE}. https://example.com/r_d?q={{x}}&p=50%25#top"),
])
def test_apa_reference(facts, source_id, expected):
    assert source_cited(facts, source_id, "apa") == expected


def test_apa_claim_is_the_in_text_citation_then_the_reference_with_no_locator_after_the_url(facts):
    assert claim_cited(facts, "arenaev-sedan", "apa") == (
        "(McDee, 2023, para. 5)\n\n"
        f"McDee, M. (2023, November 4). Xiaomi electric sedan revealed in spy photos. ArenaEV. {ARENA_URL}"
    )


@pytest.mark.parametrize("claim_id, expected", [
    ("arenaev-sedan", "Spy photos show Xiaomi's first car is a sedan (McDee, 2023, para. 5).\n\n"
     f"McDee, M. (2023, November 4). Xiaomi electric sedan revealed in spy photos. ArenaEV. {ARENA_URL}"),
    ("pandaily-sedan",  # unsigned: a few words of the title, comma inside the quotes
     'Xiaomi told partners its first car is a sedan ("Xiaomi Held Exclusive Closed-Door," 2023, para. 3).\n\n'
     f"Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies. (2023, November). Pandaily. {PANDAILY_URL}"),
    ("blog-sedan", 'The blogger calls the car a sporty sedan ("Xiaomi EV-1," n.d., para. 2).\n\n'
     "Xiaomi EV-1. (n.d.)."),
    ("evweekly-sedan", "The article calls the car a sedan ([News Article], 2023, para. 7).\n\n"
     "[News article]. (2023). EV Weekly. https://evweekly.example/xiaomi-foton"),
])
def test_apa_claim_with_statement_cites_in_text_above_the_reference(facts, claim_id, expected):
    assert claim_cited(facts, claim_id, "apa", with_statement=True) == expected


def test_apa_initials_keep_hyphens_and_a_signed_article_without_title_is_described():
    source = record(Source, id="dupont", author="Jean-Paul  Dupont", publisher="L'Automobile", published="2024-H1",
                    description="Report on Xiaomi's first electric car")
    assert cite_source(source, "apa") == "Dupont, J.-P. (2024). [Report on Xiaomi's first electric car]. L'Automobile."



def test_apa_italicizes_the_title_of_a_page_with_no_site_in_the_entry_and_the_text_but_not_a_blog_posts():
    """APA 7 \u00a79.19 and \u00a78.14: a page cited with no site (none known, or its author's own) stands alone, its
    title in italics in the entry and in the text, as citeproc-js's apa.csl sets it; it was plain in the entry and
    quoted in the text. A blog post is part of its blog, named or not: plain, and quoted in the text."""
    page = record(Source, id="seealso", title="The first Xiaomi car will introduce an extended-range version")
    claim = record(Claim, id="c", topic="t", source="seealso", statement="It will.", origin="xiaomi", para=3)
    rich = STYLES["apa"].rich
    assert rich is not None
    assert html(rich.claim(page, claim, False)) == (
        "<p>(<i>The First Xiaomi Car</i>, n.d., para. 3)</p>"
        "<p><i>The first Xiaomi car will introduce an extended-range version</i>. (n.d.).</p>")
    assert STYLES["apa"].claim(page, claim, False) == (
        "(The First Xiaomi Car, n.d., para. 3)\n\nThe first Xiaomi car will introduce an extended-range version. (n.d.).")
    assert as_cited_prefix(page) == "The First Xiaomi Car, n.d., as cited in"  # no italic marks in the data formats
    own = record(Source, id="own", title="Community programs", author="BC Hydro", publisher="BC Hydro")
    assert html(rich.reference(own)) == "<p>BC Hydro. (n.d.). <i>Community programs</i>.</p>"
    post = record(Source, id="post", title="Xiaomi EV-1", kind="blog")
    assert html(rich.claim(post, claim, False)) == (
        "<p>(\u201cXiaomi EV-1,\u201d n.d., para. 3)</p><p>Xiaomi EV-1. (n.d.).</p>")

# -- MLA 9 --------------------------------------------------------------------------------------


@pytest.mark.parametrize("source_id, expected", [
    ("arenaev-spy",  # title case, day month-abbreviation year, URL without the scheme, full stop inside quotes
     'McDee, Max. "Xiaomi Electric Sedan Revealed in Spy Photos." ArenaEV, 4 Nov. 2023, '
     "m.arenaev.com/xiaomi_electric_sedan_revealed_in_spy_photos-news-2674.php."),
    ("pandaily-meeting", '"Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies." Pandaily, Nov. 2023, '
     "pandaily.cn/xiaomi-held-exclusive-closed-door-meeting-on-ev-strategies/."),
    ("blog-ev1", '"Xiaomi EV-1."'),
    ("evweekly-2023", "News article. EV Weekly, 2023, evweekly.example/xiaomi-foton."),  # a description, unquoted
    ("xinhua-rd",  # an organisation that is author and publisher: begin with the title
     '"R&D_spend up 50% to $1.4 Billion: #EV {plan} at C:\\temp ~ [bold]." Xinhua, Nov. 2023, '
     "example.com/r_d?q={x}&p=50%25#top."),
])
def test_mla_reference(facts, source_id, expected):
    assert source_cited(facts, source_id, "mla") == expected


def test_mla_claim_uses_par_for_paragraphs(facts):
    assert claim_cited(facts, "arenaev-sedan", "mla").startswith("(McDee, par. 5)\n\nMcDee, Max.")
    assert claim_cited(facts, "arenaev-sedan", "mla", with_statement=True) == (
        "Spy photos show Xiaomi's first car is a sedan (McDee, par. 5).\n\n"
        'McDee, Max. "Xiaomi Electric Sedan Revealed in Spy Photos." ArenaEV, 4 Nov. 2023, '
        "m.arenaev.com/xiaomi_electric_sedan_revealed_in_spy_photos-news-2674.php."
    )


@pytest.mark.parametrize("claim_id, in_text", [
    ("pandaily-sedan", '("Xiaomi Held Exclusive Closed-Door," par. 3)'),
    ("evweekly-sedan", "(News article, par. 7)"),
    ("xinhua-rd", '("R&D_spend up 50%," par. 1)'),  # a short title does not end on "to"
])
def test_mla_in_text_for_unsigned_works_uses_the_short_title(facts, claim_id, in_text):
    assert claim_cited(facts, claim_id, "mla", with_statement=True).split("\n\n")[0].endswith(f" {in_text}.")


def test_mla_and_chicago_keep_non_english_titles_as_published():
    source = record(Source, id="autohome", publisher="Autohome", title="la voiture de Xiaomi", language="fr")
    assert cite_source(source, "mla") == '"la voiture de Xiaomi." Autohome.'
    assert cite_source(source, "chicago") == 'Autohome. "la voiture de Xiaomi." n.d.'


# -- Chicago notes-bibliography -----------------------------------------------------------------


@pytest.mark.parametrize("source_id, expected", [
    ("arenaev-spy",  # CMOS 14.191: Manjoo, Farhad. "Title." New York Times, March 8, 2017. URL.
     'McDee, Max. "Xiaomi Electric Sedan Revealed in Spy Photos." ArenaEV, November 4, 2023. '
     f"{ARENA_URL}."),
    ("pandaily-meeting",  # CMOS 14.207: for an unsigned article the publication stands in place of the author
     'Pandaily. "Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies." November 2023. '
     f"{PANDAILY_URL}."),
    ("blog-ev1", '"Xiaomi EV-1." n.d.'),
    ("evweekly-2023", "EV Weekly. News article. 2023. https://evweekly.example/xiaomi-foton."),
])
def test_chicago_bibliography_entry(facts, source_id, expected):
    assert source_cited(facts, source_id, "chicago") == expected


@pytest.mark.parametrize("claim_id, expected", [
    ("arenaev-sedan", 'Max McDee, "Xiaomi Electric Sedan Revealed in Spy Photos," ArenaEV, November 4, 2023, '
     f"para. 5, {ARENA_URL}."),
    ("pandaily-sedan", '"Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies," Pandaily, November 2023, '
     f"para. 3, {PANDAILY_URL}."),
    ("blog-sedan", '"Xiaomi EV-1," n.d., para. 2.'),
    ("evweekly-sedan", "News article, EV Weekly, 2023, para. 7, https://evweekly.example/xiaomi-foton."),
])
def test_chicago_claim_is_the_full_note_with_its_paragraph_then_the_bibliography_entry(facts, claim_id, expected):
    note, entry = claim_cited(facts, claim_id, "chicago").split("\n\n")
    assert note == expected
    assert entry == source_cited(facts, facts.claims[claim_id].source, "chicago")


def test_chicago_claim_with_statement_puts_the_note_after_it(facts):
    assert claim_cited(facts, "blog-sedan", "chicago", with_statement=True) == (
        'The blogger calls the car a sporty sedan.\n\n"Xiaomi EV-1," n.d., para. 2.\n\n"Xiaomi EV-1." n.d.'
    )


def test_chicago_note_lets_a_question_mark_stand_for_the_comma():
    source = record(Source, id="q", author="Max McDee", title="Can Xiaomi beat Tesla?", publisher="ArenaEV",
                    published="2023-11-04")
    claim = record(Claim, id="q-claim", topic="body", source="q", statement="It might.", origin="xiaomi", para=2)
    assert STYLES["chicago"].claim(source, claim, False).split("\n\n")[0] == (
        'Max McDee, "Can Xiaomi Beat Tesla?" ArenaEV, November 4, 2023, para. 2.'
    )



def test_chicago_quoted_in_gives_the_original_its_full_note_with_its_address():
    """CMOS 17 14.260: the original's full citation, then "quoted in" and the source read. citeproc-js's
    chicago-fullnote-bibliography gives an online original its URL, and so do we (it was left out)."""
    original = record(Source, id="o", publisher="Reuters", title="Xiaomi wins approval", published="2023-08-23",
                      url="https://reuters.example/approval")
    read = record(Source, id="r", publisher="CnEVPost", title="Xiaomi's plan", published="2023-11-15")
    claim = record(Claim, id="c", topic="body", source="r", statement="Approved.", origin="xiaomi", para=3)
    assert STYLES["chicago"].as_cited(original, read, claim, False).split("\n\n")[0] == (
        '"Xiaomi Wins Approval," Reuters, August 23, 2023, https://reuters.example/approval, quoted in '
        '"Xiaomi\'s Plan," CnEVPost, November 15, 2023, para. 3.'
    )

# -- BibTeX (biblatex) ---------------------------------------------------------------------------


def test_a_news_article_online_is_a_biblatex_online_entry_with_its_site(facts):
    """@online: Zotero's BibTeX import makes a web page of it (an @article is a journal article there)."""
    assert source_cited(facts, "arenaev-spy", "bibtex") == (
        "@online{arenaev-spy,\n"
        "  author = {McDee, Max},\n"
        "  title = {Xiaomi electric sedan revealed in spy photos},\n"
        "  shorttitle = {Xiaomi electric sedan revealed},\n"
        "  organization = {ArenaEV},\n"
        "  date = {2023-11-04},\n"
        f"  url = {{{ARENA_URL}}},\n"
        "  langid = {english}\n"
        "}"
    )


def test_bibtex_claim_is_the_entry_then_the_citation_with_the_paragraph_as_postnote(facts):
    """The paragraph belongs to the citation (`\\autocite[para.~5]`), never to the entry, where biblatex would
    print it in the bibliography as if the whole article were paragraph 5."""
    entry, command = claim_cited(facts, "arenaev-sedan", "bibtex").split("\n\n")
    assert entry.startswith("@online{mcdee2023,\n") and "note" not in entry
    assert command == r"\autocite[para.~5]{mcdee2023}"


def test_bibtex_escapes_tex_specials_and_keeps_the_url_verbatim(facts):
    assert claim_cited(facts, "xinhua-rd", "bibtex", with_statement=True) == (
        "@online{xinhua2023,\n"
        "  author = {{Xinhua}},\n"  # an organisation: one name in braces, never "X., Inhua"
        r"  title = {{R}\&{D\_spend} up 50\% to \$1.4 billion: \#{EV} \textbraceleft{}plan\textbraceright{} at"
        r" {C}:\textbackslash{}temp \textasciitilde{} [bold]}," "\n"
        r"  shorttitle = {{R}\&{D\_spend} up 50\%}," "\n"
        "  organization = {Xinhua},\n"
        "  date = {2023-11},\n"
        "  url = {https://example.com/r_d?q=%7Bx%7D&p=50%25#top},\n"
        "  langid = {english}\n"
        "}\n\n"
        r"[bold]Xiaomi[/bold] spent *50\%* more on R\&D\_spend \autocite[para.~1]{xinhua2023}."
    )


@pytest.mark.parametrize("source_id, head, date_line", [
    ("pandaily-meeting", "@online{pandaily-meeting,", "  date = {2023-11},"),  # unsigned, with an address
    ("evweekly-2023", "@online{evweekly-2023,", "  date = {2023},"),
    ("blog-ev1", "@misc{blog-ev1,", None),  # no address: not @online, which requires one
])
def test_bibtex_entry_type_and_date_follow_what_is_known(facts, source_id, head, date_line):
    lines = source_cited(facts, source_id, "bibtex").splitlines()
    assert lines[0] == head
    assert [line for line in lines if line.startswith("  date")] == ([date_line] if date_line else [])


def test_an_unknown_title_is_the_bracketed_description_in_every_style():
    """Never "untitled": the work has a title we do not know. APA brackets the description; MLA and Chicago
    give it plain; the data formats carry APA's form, which citeproc prints as it is."""
    source = record(Source, id="cnevpost-nov", publisher="CnEVPost", published="2023-11-15",
                    url="https://cnevpost.com/x", description="Report on the launch dates of Xiaomi's first EV")
    described = "Report on the launch dates of Xiaomi's first EV"
    assert cite_source(source, "apa") == f"[{described}]. (2023, November 15). CnEVPost. https://cnevpost.com/x"
    assert cite_source(source, "mla") == f"{described}. CnEVPost, 15 Nov. 2023, cnevpost.com/x."
    assert cite_source(source, "chicago") == f"CnEVPost. {described}. November 15, 2023. https://cnevpost.com/x."
    assert f"  title = {{{{[{described}]}}}}," in cite_source(source, "bibtex")  # ours: no style changes its case
    assert json.loads(cite_source(source, "csl-json"))[0]["title"] == f'<span class="nocase">[{described}]</span>'
    for key in STYLES:
        assert "untitled" not in cite_source(source, key).lower(), key


def test_a_date_known_only_as_a_bound_is_biblatexs_open_range_and_a_note_elsewhere_never_a_date():
    """decor-dreams.com shows no date, but rewrites a report of 7 March 2023: `published_after = "2023-03"`.
    biblatex says "on or after" (`2023-03/`). citeproc-js and pandoc read CSL's open ranges differently (each
    reads the other's as "March 2023"), Zotero keeps a range's start and RIS has no range: those carry the bound
    as a note, and every text style stays "n.d." rather than claim a month nobody knows."""
    source = record(Source, id="decor", publisher="decor-dreams.com", description="Article on Xiaomi's car",
                    published_after="2023-03", url="https://decor-dreams.com/a")
    assert "  date = {2023-03/}," in cite_source(source, "bibtex").splitlines()
    item = json.loads(cite_source(source, "csl-json"))[0]
    assert "issued" not in item
    assert item["note"] == "Citation Key: decor\nPublished Mar 2023 or later"
    lines = ris(source).splitlines()
    assert "N1  - Published Mar 2023 or later" in lines
    assert not [line for line in lines if line.startswith(("PY", "DA"))]
    assert "(n.d.)" in cite_source(source, "apa")
    assert "n.d." in cite_source(source, "chicago")
    for key in ("apa", "mla", "chicago"):
        assert "2023" not in cite_source(source, key) and "Mar" not in cite_source(source, key), key
    dated = record(Source, id="dated", published="2023-03-09", title="T", url="https://x.test/d")
    assert published_after_note(dated) is None and "  date = {2023-03-09}," in cite_source(dated, "bibtex")


@pytest.mark.parametrize("style, expected", [
    ("apa", "Li, Q., Zhang, Y., & Goh, B. (2023, November 15)."),
    ("mla", "Li, Qiaoyi, et al."),
    ("chicago", "Li, Qiaoyi, Zhang Yan, and Brenda Goh."),
    ("bibtex", "  author = {Li, Qiaoyi and {Zhang Yan} and Goh, Brenda},"),
    ("ris", "AU  - Li, Qiaoyi\nAU  - Zhang Yan\nAU  - Goh, Brenda"),
])
def test_several_authors_are_several_names_and_a_chinese_name_keeps_its_order(style, expected):
    source = record(Source, id="reuters", publisher="Reuters", title="BAIC unit applies", published="2023-11-15",
                    author="Qiaoyi Li, Zhang Yan, Brenda Goh", family_first=["Zhang Yan"])
    assert expected in (ris(source) if style == "ris" else cite_source(source, style))


def test_a_family_first_name_is_never_turned_round():
    source = record(Source, id="jiemian", publisher="Jiemian", title="Beijing Borgward declares bankruptcy",
                    author="Zhou Shuqi", family_first=["Zhou Shuqi"], published="2022-11")
    assert cite_source(source, "apa").startswith("Zhou, S. (2022, November).")
    assert cite_source(source, "mla").startswith('Zhou Shuqi. "Beijing Borgward')
    assert cite_source(source, "chicago").startswith('Zhou Shuqi. "Beijing Borgward')
    assert json.loads(cite_source(source, "csl-json"))[0]["author"] == [
        {"family": "Zhou", "given": "Shuqi", "static-ordering": True}]
    assert "  author = {{Zhou Shuqi}}," in cite_source(source, "bibtex")


# -- CSL-JSON and pandoc ------------------------------------------------------------------------


@pytest.mark.parametrize("source_id, kind, date_parts", [
    ("arenaev-spy", "article-newspaper", [[2023, 11, 4]]),
    ("pandaily-meeting", "article-newspaper", [[2023, 11]]),  # a month stays a month
    ("evweekly-2023", "article-newspaper", [[2023]]),
    ("xinhua-rd", "webpage", [[2023, 11]]),
])
def test_csl_json_is_an_array_with_the_date_as_precise_as_known(facts, source_id, kind, date_parts):
    items = json.loads(source_cited(facts, source_id, "csl-json"))
    assert len(items) == 1
    assert items[0]["id"] == source_id
    assert items[0]["type"] == kind
    assert items[0]["issued"] == {"date-parts": date_parts}


def test_csl_json_item_names_people_and_organisations(facts):
    assert csl_item(facts.sources["arenaev-spy"]) == {
        "id": "arenaev-spy",
        "type": "article-newspaper",
        "title": "Xiaomi electric sedan revealed in spy photos",
        "title-short": "Xiaomi electric sedan revealed",
        "container-title": '<span class="nocase">ArenaEV</span>',  # inner capitals: no style may change them
        "author": [{"family": "McDee", "given": "Max"}],
        "issued": {"date-parts": [[2023, 11, 4]]},
        "URL": ARENA_URL,
        "language": "en",
        "note": "Citation Key: arenaev-spy",  # what Zotero's CSL-JSON import keeps as the citation key
    }
    assert csl_item(facts.sources["xinhua-rd"])["author"] == [{"literal": "Xinhua"}]


def test_csl_json_claim_is_the_items_array_and_csl_citation_the_citation_with_its_locator(facts):
    """What Zotero and pandoc import is an array of items; the citation at the paragraph is citeproc-js's
    citation object, with the item data inside it as Zotero keeps it in a Word field."""
    item = {"id": "blogev1nd", "type": "post-weblog",
            "title": '<span class="nocase">Xiaomi EV-1</span>',  # neighbours share one span
            "language": "en", "note": "Citation Key: blogev1nd"}
    assert json.loads(claim_cited(facts, "blog-sedan", "csl-json", with_statement=True)) == [item]
    citation = json.loads(claim_cited(facts, "blog-sedan", "csl-citation"))
    assert citation["citationItems"] == [{"id": "blogev1nd", "locator": "2", "label": "paragraph", "itemData": item}]
    assert citation["properties"] == {"noteIndex": 0}


def test_pandoc_cites_the_item_with_the_paragraph_as_locator(facts):
    assert claim_cited(facts, "arenaev-sedan", "pandoc") == "[@mcdee2023, para. 5]"
    assert claim_cited(facts, "arenaev-sedan", "pandoc", with_statement=True) == (
        "Spy photos show Xiaomi's first car is a sedan [@mcdee2023, para. 5].")


def test_quotation_marks_inside_a_quoted_title_become_single():
    source = record(Source, id="q", publisher="ArenaEV", title='Lei Jun: "the last big fight" begins')
    assert cite_source(source, "mla") == "\"Lei Jun: 'The Last Big Fight' Begins.\" ArenaEV."


# -- Markdown -----------------------------------------------------------------------------------


@pytest.mark.parametrize("claim_id, expected", [
    ("arenaev-sedan",
     f"[ArenaEV \u2014 Xiaomi electric sedan revealed in spy photos]({ARENA_URL}), 4 Nov 2023, para. 5"),
    ("pandaily-sedan", "[Pandaily \u2014 Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies]"
     f"({PANDAILY_URL}), Nov 2023, para. 3"),
    ("blog-sedan", "Xiaomi EV-1, para. 2"),  # no URL, no link
    ("evweekly-sedan", "[EV Weekly](https://evweekly.example/xiaomi-foton), 2023, para. 7"),
])
def test_markdown_claim(facts, claim_id, expected):
    assert claim_cited(facts, claim_id, "markdown") == expected


def test_markdown_escapes_text_but_not_the_link(facts):
    assert claim_cited(facts, "xinhua-rd", "markdown", with_statement=True) == (
        r"\[bold\]Xiaomi\[/bold\] spent \*50%\* more on R&D\_spend "
        "([Xinhua \u2014 " r"R&D\_spend up 50% to $1.4 billion: #EV {plan} at C:\\temp ~ \[bold\]]"
        "(https://example.com/r_d?q={x}&p=50%25#top), late Nov 2023, para. 1)."
    )


def test_markdown_link_survives_parentheses_in_the_url():
    source = record(Source, id="wiki", publisher="Wikipedia", url="https://en.wikipedia.org/wiki/Xiaomi_SU7_(car)")
    assert cite_source(source, "markdown") == "[Wikipedia](https://en.wikipedia.org/wiki/Xiaomi_SU7_%28car%29)"


# -- Plain --------------------------------------------------------------------------------------


@pytest.mark.parametrize("source_id, expected", [
    ("arenaev-spy", f'ArenaEV, "Xiaomi electric sedan revealed in spy photos", 4 Nov 2023, {ARENA_URL}'),
    ("blog-ev1", '"Xiaomi EV-1"'),
    ("evweekly-2023", "EV Weekly, 2023, https://evweekly.example/xiaomi-foton"),
    ("xinhua-rd", f'Xinhua, "{XINHUA_TITLE}", late Nov 2023, https://example.com/r_d?q={{x}}&p=50%25#top'),
])
def test_plain_reference(facts, source_id, expected):
    assert source_cited(facts, source_id, "plain") == expected


def test_plain_claim_with_and_without_statement(facts):
    cited = f'Pandaily, "Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies", Nov 2023, para. 3, {PANDAILY_URL}'
    assert claim_cited(facts, "pandaily-sedan", "plain") == cited
    assert claim_cited(facts, "pandaily-sedan", "plain", with_statement=True) == (
        f"Xiaomi told partners its first car is a sedan ({cited})."
    )
    assert claim_cited(facts, "xinhua-rd", "plain", with_statement=True).startswith(
        "[bold]Xiaomi[/bold] spent *50%* more on R&D_spend (Xinhua, "
    )


def test_no_style_prints_none_for_a_source_with_only_an_id():
    bare = record(Source, id="bare-1")
    for key in STYLES:
        assert "None" not in cite_source(bare, key), key
    assert cite_source(bare, "plain") == "[News article]"
    assert cite_source(bare, "apa") == "[News article]. (n.d.)."


def test_the_data_layer_imports_without_textual_or_pydantic():
    probe = ("import sys, xiaomi_tui.facts.citations; "
             "print(sorted({name.split('.')[0] for name in sys.modules} & {'textual', 'rich', 'pydantic'}))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_loader_refuses_a_family_first_name_that_is_not_in_the_byline():
    with pytest.raises(FactsError, match="'Zou Shuqi' is not one of the names in author"):
        loads(FACTS_TOML.replace('author = "Max McDee"', 'author = "Max McDee"\nfamily_first = ["Zou Shuqi"]'))


def test_check_warns_of_a_title_in_title_case_and_not_of_one_in_sentence_case():
    warned = loads(FACTS_TOML).warnings
    assert warned == ["source 'pandaily-meeting': the title is in Title Case; keep it in sentence case "
                      "(APA prints it as kept, MLA and Chicago title-case it)"]
    assert loads(FACTS_TOML.replace("Xiaomi Held Exclusive Closed-Door Meeting on EV Strategies",
                                    "Xiaomi held exclusive closed-door meeting on EV strategies")).warnings == []

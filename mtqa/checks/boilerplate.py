"""Family ``boilerplate``: scraped page furniture mixed into the article.

Structure detection marks furniture blocks with the code of the rule in
``mtqa/data/boilerplate.yaml`` that matched; these checks report them.  The
patterns are data: add one there, with a case in ``tests/cases/BPxxx.yml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from mtqa.checks.base import Check, CheckContext
from mtqa.furniture import FurnitureRules, load_rules
from mtqa.model import BlockKind, Document, Finding, Severity


class _Furniture(Check):
    family = "boilerplate"
    severity = Severity.ERROR

    #: Block kinds besides furniture whose blocks this check reports (a title
    #: shown again is reported as a repeated line but still read as a title).
    also_kinds: ClassVar[frozenset[BlockKind]] = frozenset()

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        rules = load_rules()
        rule = rules.by_code(self.code)
        for block in doc.blocks:
            if (block.kind is BlockKind.FURNITURE or block.kind in self.also_kinds) and block.reason == self.code:
                text = doc.text[block.start : block.end]
                yield self.finding(
                    doc,
                    block.start,
                    block.end,
                    rule.message,
                    suggestion=rules.bio_suggestion if self.bio(rules, text) else rule.suggestion,
                    confidence=0.95,
                )


    def bio(self, rules: FurnitureRules, text: str) -> bool:
        """Whether a block is a generated author bio (suggest removing the bio)."""
        return rules.is_bio(text)


class RelatedArticleLink(_Furniture):
    """A link to another article ("See also", "Read more", a teaser headline) scraped into the text.

    Republishing sites copy the related-article teasers of the original page
    along with the article.  They are not part of the article and are left out
    of every other check (a name in a "See also" link is not a mention).  A
    teaser without a label is told from a sub-heading by its form: a short
    line that shares no content word with the paragraphs around it and repeats
    right away (link text and image text) or ends with the outlet's name
    ("- VG", "| NRK").  A publisher's own link in a native article reads the
    same, so the line is reported only when something else in the document
    shows a copy or a machine translation (other furniture, Norwegian left in,
    a garbled expression, a name spelled several ways), when the link ends with
    a Norwegian outlet's name ("- VG"), or when its Norwegian source is given; otherwise the
    report's notes say it was held back.

    Flags:
    - See also  Attack on a synagogue in Berlin - VG
    - Read more: Oil prices fall for the third day
    - Les også: Regjeringen vil kutte i støtten

    Allows:
    - See the full report on the ministry's website for the figures behind the decision, the minister said in a statement on Friday.
    - Related costs rose by a third last year.
    """

    code = "BP001"
    name = "related-article-link"
    #: A native English article links to the publisher's own stories ("READ
    #: ALSO: ...") as a copied page does: the line is reported when the
    #: document shows it is a copy or a machine translation (other furniture,
    #: mojibake, Norwegian left in, a garbled expression, a name spelled
    #: several ways), ends with a Norwegian outlet's name, or comes with its
    #: Norwegian source.
    corroborated_by = frozenset({"boilerplate", "encoding", "untranslated", "idiom", "names", "pronoun"})

    def backs_itself(self, finding: Finding) -> bool:
        """A link that ends with a Norwegian outlet's name ("... - VG") was copied from its page."""
        from mtqa.names.gazetteer import gazetteer

        suffix = load_rules().outlet_suffix.search(finding.text)
        if suffix is None:
            return False
        return gazetteer().is_outlet(suffix.group(0).strip().lstrip("-–—|").strip())


class CommentForm(_Furniture):
    """The comment form of a republishing site ("Leave a Reply").

    Everything after the start of a comment form is furniture as well.

    Flags:
    - Leave a Reply
    - Your email address will not be published. Required fields are marked *

    Allows:
    - Readers were asked to leave a reply on the council's website before Friday.
    """

    code = "BP002"
    name = "comment-form"


class AuthorByline(_Furniture):
    """An author byline, author box or generated author bio of the republishing site.

    A name on its own line at the end of the article, next to other furniture
    or repeated as author boxes do, a "By ..." line, and generated bios made of
    tag-lines such as "Coffee trailblazer. Certified pop culture lover." or of
    sentences about a writer the article never names, at its top or bottom,
    saying what only an author box says: how long they have written, for
    which site, their earlier jobs or books, where they live ("Erik Thompson is
    a senior correspondent at NordicWire24, covering Scandinavian affairs since
    2012."), standing where author boxes stand (the article's last paragraph,
    or beside the page's furniture), under an article of five paragraphs or more.

    Flags:
    - "Coffee trailblazer. Certified pop culture lover. Infuriatingly humble gamer."
    - By Jane Doe

    Allows:
    - By the end of the year the council expects to have hired 40 new nurses.
    - She is a coffee lover, her colleagues say.
    """

    code = "BP003"
    name = "author-byline"

    def bio(self, rules: FurnitureRules, text: str) -> bool:
        """Tag-lines, or sentences about the writer ("Erik Thompson is a senior correspondent ...")."""
        from mtqa.structure import is_author_bio

        return rules.is_bio(text) or is_author_bio(text)


class ShareOrConsentPrompt(_Furniture):
    """Share buttons, newsletter sign-ups, cookie banners and other site chrome.

    Flags:
    - Share this: Facebook
    - We use cookies to improve your experience on our site.
    - Subscribe to our newsletter

    Allows:
    - Shares in Equinor rose 3 per cent on Friday.
    - The company said it would subscribe to the new emissions standard.
    """

    code = "BP004"
    name = "share-or-consent-prompt"


class AutoBlogMarker(_Furniture):
    """A marker left by auto-blogging software ("[ad_1]", "Source link", the site's name).

    Sites that fill themselves from other sites' feeds leave the placeholders
    of their ad plugins, the link back to the copied article, template ids
    and their own name between the paragraphs.  The site's name is read off
    its masthead (a short line among the first three that opens with a name
    as farms make them: "NordicPulse | News | Festivals", "FjordNewsToday.net
    – Your window to Norway", or a name the page writes again: "THE NORDIC
    LEDGER"); every short line that names the site again is the site's own
    ("Subscribe to NordicPulse Weekly", "Auto-translated by Arctic Herald
    Online"), unless the story itself speaks of it (as a sentence's subject or
    object: "NordicPulse now has a staff of eleven", "maker StackBot posted a
    rise"); on the third line only a menu or the name alone is a masthead.

    Flags:
    - [ad_1]
    - Source link
    - The post Ferry traffic resumes appeared first on Nordic Daily News.

    Allows:
    - The source of the leak has not been found, the police said on Friday.
    - Daily news conferences will resume on Monday, the health minister said.
    """

    code = "BP005"
    name = "auto-blog-marker"


class PageDateLine(_Furniture):
    """The page's date header or "Published ... Updated ..." stamp, scraped with the article.

    The date of the page (often the day it was copied, not the article's) is
    no sentence of the article.

    Flags:
    - Sunday, October 24, 2021
    - Published: 05/05/2024 15:32 | Updated: 05/05/2024 16:26

    Allows:
    - The new rules apply from Sunday, October 24, the ministry said.
    """

    code = "BP006"
    name = "page-date-line"
    severity = Severity.WARNING


class RepeatedLine(_Furniture):
    """A caption or paragraph scraped twice, one copy right after the other.

    A line right after an identical line is the scraper's doing; the copy is
    furniture.  The headline shown again further down (scraped twice, or over
    the picture) is reported too, and still read as a title: an editor publishing
    the text removes the copy; but not when a picture's credit follows it
    ("Photo: ..."): then it is the credited picture's own text, as news pages
    show it.

    Flags:
    - (a file with the same caption on two lines in a row)
    - (a file whose headline is on its first line and again on its third)

    Allows:
    - (a file with two lines that differ in a word)
    """

    code = "BP007"
    name = "repeated-line"
    severity = Severity.WARNING
    also_kinds = frozenset({BlockKind.TITLE})
    #: The examples describe files of several lines; tests/cases/BP007.yml
    #: holds them (read from a file, as an article is).
    examples_are_text = False


CHECKS = (
    RelatedArticleLink,
    CommentForm,
    AuthorByline,
    ShareOrConsentPrompt,
    AutoBlogMarker,
    PageDateLine,
    RepeatedLine,
)

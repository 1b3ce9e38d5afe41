# Page strings: the text a published page shows around a document.
# Hand-written (not extracted); every locale has its own page.ftl.

## Language switcher

# The name of this locale's language, written in the language itself.
# It labels this language in the switcher on every page (English, العربية…).
page-language-name = English
# Label of the list of other languages a page is available in.
page-language-switcher = Read this article in

## Byline and reading time

# $author is the writer's name, as given in the document's metadata.
page-written-by = Written by { $author }
# $editor is the editor's name, as given in the document's metadata.
page-edited-by = Edited by { $editor }
# $minutes is the estimated reading time in whole minutes (at least 1).
page-reading-time =
    { $minutes ->
        [one] { $minutes } min read
       *[other] { $minutes } min read
    }

## Fallback

# Shown on a block that is displayed in another language because it has not
# been translated into this one yet.
page-untranslated-note = This part has not been translated yet.

# Shown on a block whose translation is out of date: the original (English)
# text changed since it was translated. Readers can open the current
# original under it.
page-stale-note = This part may be out of date: the original has changed since it was translated.

## Index page

# Title of the site's index page, which lists every document.
page-index-title = Articles
# $count is the number of languages a document is published in.
page-index-languages =
    { $count ->
        [one] Available in { $count } language
       *[other] Available in { $count } languages
    }

## Alerts

# Titles shown atop the highlighted notes a document marks with GitHub's
# alert syntax (`> [!NOTE]`, `> [!TIP]`, …). One or two words each.
# A note: information a reader should notice even when skimming.
page-alert-note = Note
# A tip: optional advice that helps the reader do something better.
page-alert-tip = Tip
# Information the reader needs to reach their goal.
page-alert-important = Important
# Urgent information that needs the reader's attention to avoid problems.
page-alert-warning = Warning
# Advice about the risks or negative outcomes of an action.
page-alert-caution = Caution

## Navigation

# The link to the list of every page in this language, and the title of a
# book's table of contents.
page-contents = Contents
# The link to the page before this one, followed by that page's title.
page-previous = Previous
# The link to the page after this one, followed by that page's title.
page-next = Next

# Page strings: the text a published page shows around a document.
# Hand-written (not extracted); every locale has its own page.ftl.

## Language switcher

# The name of this locale's language, written in the language itself.
# It labels this language in the switcher on every page (English, العربية…).
page-language-name = کوردیی ناوەندی
# Label of the list of other languages a page is available in.
page-language-switcher = ئەم وتارە بەم زمانانەش بخوێنەرەوە

## Byline and reading time

# $author is the writer's name, as given in the document's metadata.
page-written-by = نووسینی { $author }
# $editor is the editor's name, as given in the document's metadata.
page-edited-by = پێداچوونەوەی { $editor }
# $minutes is the estimated reading time in whole minutes (at least 1).
page-reading-time =
    { $minutes ->
        [one] کاتی خوێندنەوە: { $minutes } خولەک
       *[other] کاتی خوێندنەوە: { $minutes } خولەک
    }

## Fallback

# Shown on a block that is displayed in another language because it has not
# been translated into this one yet.
page-untranslated-note = ئەم بەشە هێشتا وەرنەگێڕدراوە.

page-stale-note = لەوانەیە ئەم بەشە نوێ نەبێت: دەقە ڕەسەنەکە دوای وەرگێڕانی گۆڕاوە.

## Index page

# Title of the site's index page, which lists every document.
page-index-title = وتارەکان
# $count is the number of languages a document is published in.
page-index-languages =
    { $count ->
        [one] بەردەستە بە { $count } زمان
       *[other] بەردەستە بە { $count } زمان
    }

## Alerts

page-alert-note = تێبینی
page-alert-tip = ئامۆژگاری
page-alert-important = گرنگ
page-alert-warning = ئاگاداری
page-alert-caution = وریابە

page-contents = ناوەڕۆک
page-previous = پێشوو
page-next = دواتر

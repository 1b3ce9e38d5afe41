# Page strings: the text a published page shows around a document.
# Hand-written (not extracted); every locale has its own page.ftl.

## Language switcher

# The name of this locale's language, written in the language itself.
# It labels this language in the switcher on every page (English, العربية…).
page-language-name = العربية
# Label of the list of other languages a page is available in.
page-language-switcher = اقرأ هذا المقال بلغات أخرى

## Byline and reading time

# $author is the writer's name, as given in the document's metadata.
page-written-by = بقلم { $author }
# $editor is the editor's name, as given in the document's metadata.
page-edited-by = تحرير { $editor }
# $minutes is the estimated reading time in whole minutes (at least 1).
page-reading-time =
    { $minutes ->
        [zero] مدة القراءة: أقل من دقيقة
        [one] مدة القراءة: دقيقة واحدة
        [two] مدة القراءة: دقيقتان
        [few] مدة القراءة: { $minutes } دقائق
        [many] مدة القراءة: { $minutes } دقيقة
       *[other] مدة القراءة: { $minutes } دقيقة
    }

## Fallback

# Shown on a block that is displayed in another language because it has not
# been translated into this one yet.
page-untranslated-note = لم يُترجَم هذا الجزء بعد.

page-stale-note = قد لا يكون هذا الجزء محدَّثًا: تغيَّر النص الأصلي بعد ترجمته.

## Index page

# Title of the site's index page, which lists every document.
page-index-title = المقالات
# $count is the number of languages a document is published in.
page-index-languages =
    { $count ->
        [zero] غير متوفّر بأي لغة
        [one] متوفّر بلغة واحدة
        [two] متوفّر بلغتين
        [few] متوفّر بـ{ $count } لغات
        [many] متوفّر بـ{ $count } لغة
       *[other] متوفّر بـ{ $count } لغة
    }

## Alerts

page-alert-note = ملاحظة
page-alert-tip = نصيحة
page-alert-important = مهمّ
page-alert-warning = تحذير
page-alert-caution = تنبيه

page-contents = المحتويات
page-previous = السابق
page-next = التالي

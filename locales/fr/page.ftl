# Page strings: the text a published page shows around a document.
# Hand-written (not extracted); every locale has its own page.ftl.

## Language switcher

# The name of this locale's language, written in the language itself.
# It labels this language in the switcher on every page (English, العربية…).
page-language-name = Français
# Label of the list of other languages a page is available in.
page-language-switcher = Lire cet article en

## Byline and reading time

# $author is the writer's name, as given in the document's metadata.
page-written-by = Écrit par { $author }
# $editor is the editor's name, as given in the document's metadata.
page-edited-by = Révisé par { $editor }
# $minutes is the estimated reading time in whole minutes (at least 1).
page-reading-time =
    { $minutes ->
        [one] { $minutes } minute de lecture
        [many] { $minutes } minutes de lecture
       *[other] { $minutes } minutes de lecture
    }

## Fallback

# Shown on a block that is displayed in another language because it has not
# been translated into this one yet.
page-untranslated-note = Cette partie n’a pas encore été traduite.

page-stale-note = Cette partie n’est peut-être plus à jour : l’original a changé depuis sa traduction.

## Index page

# Title of the site's index page, which lists every document.
page-index-title = Articles
# $count is the number of languages a document is published in.
page-index-languages =
    { $count ->
        [one] Disponible en { $count } langue
        [many] Disponible en { $count } langues
       *[other] Disponible en { $count } langues
    }

## Alerts

page-alert-note = Remarque
page-alert-tip = Astuce
page-alert-important = Important
page-alert-warning = Avertissement
page-alert-caution = Attention

page-contents = Sommaire
page-previous = Précédent
page-next = Suivant

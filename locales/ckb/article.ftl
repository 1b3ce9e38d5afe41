### Translation of locales/en-US/article.ftl into ckb.


## Title and byline

article-title = کازمی و هیوای عێراقی
article-author = عەبدولجەلیل حاج
article-editor = ئادریجا ساها

## Lead: the paragraphs before the first section heading

article-intro-17-years-since = ١٧ ساڵ بەسەر هێرشی ئەمریکا بۆ سەر عێراقدا تێدەپەڕێت، ئەو کاتەی ویلایەتە یەکگرتووەکان دەستی بەسەر وڵاتدا گرت و ڕژێمی عێراقی ڕووخاند. ئەم هێرشە تا ئەمڕۆش بە گەورەترین وەرچەرخان لە مێژووی نوێی عێراقدا دادەنرێت.
article-intro-where-country-collapsed = ئیتر وڵات هەرەسی هێنا و دەستی کرد بە گۆڕان لە وڵاتێکی تا ڕادەیەک سەقامگیرەوە بۆ وڵاتێکی دابەشبوو بەسەر تائیفە و میلیشیا و گرووپی چەکداردا، کە هەندێکیان تیرۆریستین و هەندێکی تریشیان حکوومەتی عێراق بە فەرمی دانی پێداناون.
article-intro-time-until-americans = لەو کاتەوە تا ئەمریکییەکان لە ساڵی ٢٠١١دا خاکی عێراقیان جێهێشت، عێراق بوو بە گۆڕەپانی ململانێی ناوخۆیی و نێودەوڵەتی، و یاریزانەکانیش بەپێی ئەو سەرۆک وەزیرانەی سیاسەتی وڵاتی ئاراستە دەکرد جیاواز بوون، ئەو سیاسەتانەش بەگوێرەی ئاراستەی خۆی و ئاراستەی حیزب یان تائیفەکەی دادەڕێژران.

## Section: Ministers After the Fall

article-ministers-after-fall-heading = سەرۆک وەزیرانی دوای ڕووخان
article-ministers-after-fall-several-ministers-succeeded = لە یەکەم ساڵی دەسەڵاتی ئەمریکا بەسەر عێراقدا، چەند سەرۆکێک یەک لە دوای یەک بە ناوی ئەنجومەنی حوکمی عێراقەوە دەسەڵاتیان گرتە دەست، کە ئەمریکا یارمەتیی دامەزراندنی ئەو ئەنجومەنەی دابوو، دواتریش لە دوای دامەزراندنی کۆماری عێراق.
article-ministers-after-fall-iyad-allawi-took = ئەیاد عەلاوی دەسەڵاتی گرتە دەست و پاشان ئیبراهیم جەعفەری، هەریەکەیان ساڵێک دەسەڵاتی بەدەستەوە بوو، ساڵێک کە وڵات تێیدا پڕ بوو لە خوێنڕشتن و کوشتار.
article-ministers-after-fall-nuri-maliki-close = نووری مالیکی، کە نزیکە لە ئێران و سەر بە پێکهاتەی شیعەیە، پۆستەکەی وەرگرت. مالیکی توانی تا ڕادەیەک ئاسایش بۆ وڵات بگەڕێنێتەوە. لە سەرەتای وەرگرتنی پۆستەکەیدا، خەریکی جەنگ بوو دژی ئەو میلیشیا و گرووپە تیرۆریستییانەی لە ساڵانی پێشوودا خەڵکی سڤیلیان دەکردە ئامانج.
article-ministers-after-fall-because-closeness-iran = بەڵام بەهۆی نزیکیی مالیکی لە ئێرانەوە، ئێران توانی لە سەردەمی ئەودا نزیکەی بە تەواوی دەست بەسەر سەرجەم دەوڵەتی عێراقدا بگرێت، ئەمەش وای لە ئەمریکییەکان کرد بەهۆی هەڵوێستەکانی سەرۆک وەزیرانەوە پشتگیریی خۆیان بۆ عێراق ڕابگرن، هەروەها لیژنەیەکی پەرلەمانی تۆمەتباری کرد بەوەی لە پشت کەوتنی پارێزگای نەینەوا بووە بە دەست داعشەوە.
article-ministers-after-fall-haider-abadi-man = دواتر حەیدەر عەبادی هاتە سەر دەسەڵات، ئەو پیاوەی کە توانی کۆتایی بە بوونی تیرۆر لە عێراقدا بهێنێت، و لە سەردەمی حوکمڕانیی ئەودا چەکدارانی داعش لە خاکی عێراق دەرکران.
article-ministers-after-fall-abadi-able-obtain = عەبادی توانی تا ڕادەیەک پشتگیریی ئەمریکا بەدەست بهێنێت و هەندێک چاکسازیی تریش لە وڵاتدا ئەنجام بدات، بەڵام وەک پێشینەکەی، نزیکییەکەی لە ئێران ئەرکی ئەنجامدانی چاکسازییەکانی لێ قورس کرد، چونکە میلیشیاکانی سەر بە تائیفەی شیعە ڕێگرییان لەو چاکسازییانە دەکرد کە حکوومەت دەستی پێ کردبوون.
article-ministers-after-fall-during-reign-most = لە سەردەمی ئەودا بەهێزترین میلیشیای ئەمڕۆی عێراق سەری هەڵدا، کە حەشدی شەعبییە و سەر بە پێکهاتەی شیعەیە و پەرلەمانی عێراق ڕەوایەتیی پێ بەخشی.
article-ministers-after-fall-adel-abdul-mahdi = عادل عەبدولمەهدی، کە عێراقییەکان بە «شەڕکەری خۆپیشاندەران» ناوی دەبەن، ماوەی دوو ساڵ پۆستەکەی بەدەستەوە بوو. شۆڕشێکی جەماوەری دژی هەڵگیرسا بەهۆی ناڕەزایی هاووڵاتیان لە سیاسەتەکانی و ئەو چەقبەستووییەی لە سەردەمی ئەودا بەسەر حکوومەتی عێراقدا زاڵ بوو.
article-ministers-after-fall-this-prompted-citizen = ئەمەش وای لە هاووڵاتیان کرد بڕژێنە سەر شەقامەکان و داوای دەستلەکارکێشانەوەی بکەن. هێزە حکوومییەکان بە توندوتیژییەکی زۆرەوە مامەڵەیان لەگەڵ خۆپیشاندەران کرد، و دوای دوو مانگ لە خۆپیشاندانەکان، سەرۆک وەزیرانە لاوازەکە دەستی لە کار کێشایەوە.
article-ministers-after-fall-rule-witnessed-exchange = لە سەردەمی حوکمڕانیی ئەودا، ئێران و ویلایەتە یەکگرتووەکان لەسەر خاکی عێراق یەکتریان بۆردومان دەکرد، و وەک بەرپرسانی عێراقی ئاماژەیان پێ کردووە، عەبدولمەهدی هیچ هەنگاوێکی نەنا بۆ ڕووبەڕووبوونەوەی ئەو پێشێلکارییانەی سەروەریی عێراق.
article-ministers-after-fall-militias-able-rise = لە سەردەمی عەبدولمەهدیدا میلیشیاکان توانییان جارێکی تر سەر هەڵبدەنەوە و بەهێزتر ببن، ئەمەش بەهۆی لاوازیی کەسیی خۆی و نەبوونی هیچ لایەنێک کە لە ناو وڵاتدا پشتی بگرێت.
article-ministers-after-fall-mustafa-kazemi-former = مستەفا کازمی، سەرۆکی پێشووی دەزگای هەواڵگریی وڵات، لە کاتێکدا پۆستەکەی وەرگرت کە چەک بە شێوەیەکی بەرفراوان لە نێو میلیشیا چەکدارەکانی وڵاتدا بڵاو ببووەوە، و هەر لە سەرەتاوە بەڵێنی دا چەکی هەموو میلیشیاکان دابماڵێت.
article-ministers-after-fall-kazemi-differs-predecessors = جیاوازیی کازمی لەگەڵ پێشینەکانیدا ئەوەیە کە هیچ پاشخانێکی ئایینی یان تائیفیی نییە. هەروەها پەیوەندیی باشی لەگەڵ ئێرانییەکان و ئەمریکییەکاندا هەیە، کە پێشینەکانی لەمەدا سەرکەوتوو نەبوون، ئەمەش وای لە هەردوو لا کرد پشتگیریی لێ بکەن لە ئەرکە قورسەکەیدا بۆ بەڕێوەبردنی وڵاتێک کە ڕووەو داڕمان دەچێت و پڕە لە میلیشیا.
article-ministers-after-fall-kazemi-obtained-additional = کازمی پشتگیریی زیاتریشی لە سعوودیە بەدەست هێنا، چونکە پەیوەندیی کەسیی لەگەڵ محەممەد بن سەلمان، جێنشینی شانشینی سعوودیە، هەیە، ئەمەش بەهێزترین پەیوەندیی سعوودی-عێراقییە لەو کاتەوەی پەیوەندییەکانی نێوان هەردوو وڵات لە دوای هێرشی ئەمریکا سڕ کران.

# (untranslated) article-iraqi-militias-heading = Iraqi Militias

# (untranslated) article-iraqi-militias-elimination-militias-iraq = The elimination of militias in Iraq is considered an imperative in order to impose state control over the country and pave the way for the government to work on and implement decisions, as militias have always been an obstacle to the government in decision-making and the implementation of decisions.

# (untranslated) article-iraqi-militias-iraq-filled-hundreds = Iraq is filled with hundreds of militias that differ in their leaders and orientations. They also differ in their ideas: some of them work against the government, and some support the work of the government, but informally.

# (untranslated) article-iraqi-militias-because-increase-militias = Because of the increase in militias, every party or ethnic or political group has an armed group responsible for its protection and for carrying out military operations for it.

# (untranslated) article-iraqi-militias-despite-issuance-law = Although a law recommending the dissolution of the militias in the country was issued as early as 2004, these militias have increased dramatically due to the weakness of the Iraqi state and the country’s security services.

# (untranslated) article-iraqi-militias-because-this-weakness = Because of this weakness, these militias have become the decision-makers in some areas that the Iraqi state cannot impose its control on, but these militias remain notorious for committing crimes against citizens and for imposing their laws on the citizens.

# (untranslated) article-kazemi-hit-militia-heading = Al-Kadhimi Hits the Militias

# (untranslated) article-kazemi-hit-militia-militia-violence-increased = Militia violence has increased since the killing of Major General Qassem Soleimani, the commander of the Quds Force and the second most powerful man in Iran, the man who ran Iran’s foreign operations and directed the most powerful militia in Iraq.

# (untranslated) article-kazemi-hit-militia-alongside-soleimani-abu = Alongside Soleimani was Abu Mahdi al-Muhandis, the man who led the Popular Mobilization Forces, which the Iraqi government recognized as part of the Iraqi army.

# (untranslated) article-kazemi-hit-militia-after-killing-two = After the killing of these two leaders, there has been an increase in violence, assassinations, and the targeting of officials by the militias, the most powerful of which follow Iran’s direction and are led by men close to Khamenei.

# (untranslated) article-kazemi-hit-militia-kazemi-hit-all = Al-Kadhimi hit all these militias, which angered them even more and pushed them to wider operations in the country, especially in the southern regions, and in particular the capital, Baghdad, which is full of security headquarters, embassies, diplomatic missions and UN headquarters, and which has become vulnerable to the militias’ Katyusha rockets.

# (untranslated) article-kazemi-hit-militia-kazemi-confronted-militias = Al-Kadhimi confronted these militias by controlling the border crossings that these militias use for funding and obtaining weapons, especially from Iran, which is one of the strongest supporters of the Iraqi militias.

# (untranslated) article-kazemi-hit-militia-kazemi-established-anti = Al-Kadhimi established the Anti-Corruption Council, whose mission is to fight corruption and the corrupt in the country. Indeed, this council has arrested some of the country’s senior figures who are protected by militias and whom none of the Iraqis expected to be arrested.

# (untranslated) article-initial-vision-kazemi-heading = The Initial Vision of the al-Kadhimi Era

# (untranslated) article-initial-vision-kazemi-kazemi-relies-gradual = Mr. al-Kadhimi relies on gradual reform in order to change and improve Iraq, as al-Kadhimi worked to appoint competent people who are far from the political and sectarian conflict in the country. He also chose new people and relied on himself.

# (untranslated) article-initial-vision-kazemi-although-wait-political = He did not wait for political parties to choose senior officials according to their interests and orientations, but chose them by himself.

# (untranslated) article-initial-vision-kazemi-kazemi-works-high = Al-Kadhimi works with high efficiency in reform and development in various fields in the country, the most prominent of which are the deteriorating economy and the epidemic crisis that struck the world.

# (untranslated) article-initial-vision-kazemi-light-gradual-return = Amid the gradual return of life to the country after months of lockdown, al-Kadhimi’s reform agenda suffered from a crisis contrived by the militias, as the militias intensely bombed the Green Zone, which is considered the location of the international missions and embassies.

# (untranslated) article-initial-vision-kazemi-latest-statement-presented = In the latest statement presented by these embassies and missions, led by the American embassy, which is considered the most prominent supporter of al-Kadhimi in his position, the embassies indicated the possibility of leaving the capital, Baghdad, and heading to Erbil, the capital of the Kurdistan Region of Iraq, which al-Kadhimi and the Iraqi leaders considered a diplomatic disaster that would strike the country.

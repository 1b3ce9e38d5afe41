#!/usr/bin/env python3
"""Benchmark of `ftlkit status` / `ftlkit check` against compare-locales
(Python 3 stdlib only).

1. builds the release binary (`cargo build --release`) and makes sure
   compare-locales (the version pinned in .ci/python-requirements.txt) is
   installed in a virtualenv;
2. generates a Mozilla-style l10n.toml project in a temp directory: by default
   100 locales x 90 files x 35 entries (~30 MB of FTL, ~9,000 files), with
   missing files, missing and obsolete messages and a few syntax errors;
3. times `ftlkit status --format json`, `ftlkit check --format json` (each
   `--runs` times) and `compare-locales --json` (once) with `/usr/bin/time -v`;
4. checks that ftlkit's per-locale `missing` and `obsolete` equal
   compare-locales' summary (and what the generator put in), and prints corpus
   size, wall time, peak RSS, speed-ups and whether the goals hold.

See bench/README.md.
"""

import argparse
import collections
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "ftlkit")
TIME = "/usr/bin/time"
REQUIREMENTS = os.path.join(ROOT, ".ci", "python-requirements.txt")

# Issue 13's goals, on the default corpus (100 locales), on a 2-core machine.
GOAL_SPEEDUP = {"status": 300.0, "check": 200.0}
GOAL_WALL = {"status": 0.35, "check": 0.5}
GOAL_ONE_LOCALE = 0.025
GOAL_SYSCALLS_PER_FILE = 4.0
GOAL_RSS_MB = 120.0
ONE_LOCALE = "ar"

MISSING_FILE_SHARE = 0.03
MISSING_MESSAGE_SHARE = 0.05
OBSOLETE_SHARE = 0.02

# 100 locale ids, Firefox-like (the order is the one of the generated config).
ALL_LOCALES = """
ach af ar ast az be bg bn br bs ca ca-valencia cak ckb cs cy da de dsb el
en-CA en-GB eo es-AR es-CL es-ES es-MX et eu fa ff fi fr fy-NL ga-IE gd gl gn
gu-IN he hi-IN hr hsb hu hy-AM ia id is it ja ka kab kk km kn ko lo lt lv mk mr
ms my nb-NO ne-NP nl nn-NO oc pa-IN pl pt-BR pt-PT rm ro ru sat sco si sk skr
sl sq sr sv-SE szl ta te tg th tl tr trs uk ur uz vi wo xh zh-CN zh-TW
""".split()
assert len(ALL_LOCALES) == 100, len(ALL_LOCALES)
# Picked first when --locales is small, so a small corpus still has every script.
PRIORITY = "ar fa he ckb ur ja zh-CN de fr es-ES pt-BR ru ko th hi-IN el uk pl ta ka".split()

# ---------------------------------------------------------------------------
# Words

EN_WORDS = """
tab window page bookmark history download file folder settings privacy
security password account sync profile extension theme search engine address
toolbar menu panel button dialog message notification permission camera
microphone location certificate connection network proxy cookie cache data
site website browser update version language font colour zoom print reader
view screenshot container tracker protection report error warning request
device storage backup import export library sidebar shortcut option feature
preference default custom new open close save delete remove allow block clear
show hide enable disable manage learn more restart continue cancel copy paste
undo send share select edit rename move pin mute play pause stop reload back
forward home recent all current private secure unknown available this your
the for from with when and you can
""".split()


def words(s):
    return s.split()


WORD_LISTS = {
    "ar": words("""
ملف نافذة صفحة لسان علامة تاريخ تنزيل مجلد إعدادات خصوصية أمان كلمة حساب
مزامنة امتداد سمة بحث محرك عنوان شريط قائمة لوحة زر رسالة إشعار إذن كاميرا
ميكروفون موقع شهادة اتصال شبكة بيانات متصفح تحديث إصدار لغة خط لون طباعة
حماية تقرير خطأ تحذير طلب جهاز تخزين استيراد تصدير مكتبة اختصار خيار ميزة
جديد افتح أغلق احفظ احذف أزل اسمح احظر امسح أظهر أخفِ فعّل عطّل أدِر المزيد
تابع ألغِ انسخ الصق أرسل شارك حرّر انقل ثبّت كل هذا من في مع
"""),
    "fa": words("""
پرونده پنجره صفحه زبانه نشانک تاریخچه بارگیری پوشه تنظیمات حریم امنیت گذرواژه
حساب همگام‌سازی نمایه افزونه پوسته جستجو موتور نشانی نوار فهرست دکمه پیام
اعلان اجازه دوربین میکروفون مکان گواهی اتصال شبکه داده مرورگر به‌روزرسانی نسخه
زبان قلم رنگ چاپ محافظت گزارش خطا هشدار دستگاه ذخیره‌سازی پشتیبان کتابخانه
میانبر گزینه ویژگی جدید باز بستن حذف مسدود پاک نمایش پنهان فعال غیرفعال مدیریت
بیشتر ادامه لغو رونوشت چسباندن ارسال اشتراک ویرایش می‌شود این از با برای
"""),
    "ckb": words("""
پەڕگە پەنجەرە پەڕە بازدەر مێژوو داگرتن بوخچە ڕێکخستنەکان تایبەتێتی پاراستن
نهێنی هەژمار هاوکاتکردن پرۆفایل پێوەکراو ڕووکار گەڕان ناونیشان شریت لیستە
دوگمە پەیام ئاگادارکردنەوە ڕێگەپێدان کامێرا شوێن بڕوانامە پەیوەندی تۆڕ زانیاری
وێبگەڕ نوێکردنەوە وەشان زمان فۆنت ڕەنگ چاپکردن ڕاپۆرت هەڵە ئامێر کۆگا نوێ
کردنەوە داخستن پاشەکەوت سڕینەوە لابردن ڕێگەدان بلۆککردن پاککردنەوە پیشاندان
شاردنەوە زیاتر بەردەوامبوون هەڵوەشاندنەوە ناردن هاوبەشکردن ئەم لە بۆ
"""),
    "ur": words("""
فائل ونڈو صفحہ ٹیب بک‌مارک تاریخ ڈاؤن‌لوڈ فولڈر ترتیبات رازداری حفاظت پاس‌ورڈ
اکاؤنٹ ہم‌آہنگی پروفائل توسیع تھیم تلاش انجن پتہ بار مینو بٹن پیغام اطلاع اجازت
کیمرا مقام سند کنکشن نیٹ‌ورک ڈیٹا براؤزر تازہ‌کاری ورژن زبان رنگ پرنٹ تحفظ
رپورٹ خرابی انتباہ آلہ نیا کھولیں بند محفوظ حذف ہٹائیں بلاک صاف دکھائیں
چھپائیں فعال مزید جاری منسوخ کاپی بھیجیں کریں یہ کے میں سے
"""),
    "he": words("""
קובץ חלון עמוד לשונית סימנייה היסטוריה הורדה תיקייה הגדרות פרטיות אבטחה ססמה
חשבון סנכרון פרופיל הרחבה ערכת חיפוש מנוע כתובת סרגל תפריט לוח כפתור הודעה
התראה הרשאה מצלמה מיקרופון מיקום אישור חיבור רשת נתונים דפדפן עדכון גרסה שפה
גופן צבע הדפסה הגנה דיווח שגיאה אזהרה בקשה התקן אחסון גיבוי ייבוא ייצוא ספרייה
קיצור אפשרות תכונה חדש פתיחה סגירה שמירה מחיקה הסרה לאפשר לחסום ניקוי הצגה
הסתרה הפעלה השבתה ניהול עוד המשך ביטול העתקה הדבקה שליחה שיתוף את של עם זה
"""),
    "ja": words("""
ファイル ウィンドウ ページ タブ ブックマーク 履歴 ダウンロード フォルダー 設定
プライバシー セキュリティ パスワード アカウント 同期 プロファイル 拡張機能 テーマ
検索 エンジン アドレスバー ツールバー メニュー パネル ボタン メッセージ 通知 許可
カメラ マイク 位置情報 証明書 接続 ネットワーク データ ブラウザー 更新 バージョン
言語 フォント 色 印刷 保護 報告 エラー 警告 デバイス 保存 削除 新しい 開く
閉じる 表示 非表示 有効 無効 管理 詳細 再起動 続行 キャンセル コピー 貼り付け
送信 共有 編集 移動 を に の で が は します
"""),
    "zh-CN": words("""
文件 窗口 页面 标签页 书签 历史 下载 文件夹 设置 隐私 安全 密码 账户 同步
配置文件 扩展 主题 搜索 引擎 地址栏 工具栏 菜单 面板 按钮 消息 通知 权限 摄像头
麦克风 位置 证书 连接 网络 数据 浏览器 更新 版本 语言 字体 颜色 打印 保护 报告
错误 警告 设备 存储 备份 导入 导出 新建 打开 关闭 保存 删除 移除 允许 阻止
清除 显示 隐藏 启用 禁用 管理 了解更多 重启 继续 取消 复制 粘贴 发送 分享 编辑
移动 的 和 您 此 所有
"""),
    "zh-TW": words("""
檔案 視窗 頁面 分頁 書籤 歷史 下載 資料夾 設定 隱私權 安全性 密碼 帳號 同步
設定檔 擴充套件 佈景主題 搜尋 引擎 網址列 工具列 選單 面板 按鈕 訊息 通知 權限
攝影機 麥克風 位置 憑證 連線 網路 資料 瀏覽器 更新 版本 語言 字型 色彩 列印
保護 回報 錯誤 警告 裝置 儲存 備份 匯入 匯出 新增 開啟 關閉 刪除 移除 允許
封鎖 清除 顯示 隱藏 啟用 停用 管理 了解更多 重新啟動 繼續 取消 複製 貼上 傳送
分享 編輯 移動 的 和 您 此 所有
"""),
    "ko": words("""
파일 창 페이지 탭 북마크 기록 다운로드 폴더 설정 개인 정보 보안 비밀번호 계정
동기화 프로필 확장 기능 테마 검색 엔진 주소 표시줄 메뉴 패널 버튼 메시지 알림
권한 카메라 마이크 위치 인증서 연결 네트워크 데이터 브라우저 업데이트 버전 언어
글꼴 색상 인쇄 보호 보고 오류 경고 장치 저장소 백업 가져오기 내보내기 새 열기
닫기 저장 삭제 제거 허용 차단 지우기 표시 숨기기 사용 관리 더 보기 다시 시작
계속 취소 복사 붙여넣기 보내기 공유 편집 이동 이 모든 을 를
"""),
    "ru": words("""
файл окно страница вкладка закладка журнал загрузка папка настройки приватность
защита пароль аккаунт синхронизация профиль расширение тема поиск поисковик адрес
панель меню кнопка сообщение уведомление разрешение камера микрофон
местоположение сертификат соединение сеть данные браузер обновление версия язык
шрифт цвет печать отчёт ошибка предупреждение устройство хранилище копия импорт
экспорт библиотека новый открыть закрыть сохранить удалить разрешить блокировать
очистить показать скрыть включить отключить управление подробнее перезапустить
продолжить отмена копировать вставить отправить поделиться изменить переместить
все для из этот
"""),
    "uk": words("""
файл вікно сторінка вкладка закладка історія завантаження тека налаштування
приватність захист пароль обліковий запис синхронізація профіль розширення тема
пошук адреса панель меню кнопка повідомлення сповіщення дозвіл камера мікрофон
розташування сертифікат з'єднання мережа дані браузер оновлення версія мова шрифт
колір друк звіт помилка попередження пристрій сховище новий відкрити закрити
зберегти видалити дозволити блокувати очистити показати приховати увімкнути
вимкнути керування докладніше продовжити скасувати копіювати вставити надіслати
поділитися цей для
"""),
    "be": words("""
файл акно старонка картка закладка гісторыя сцягванне папка налады прыватнасць
бяспека пароль уліковы запіс сінхранізацыя профіль пашырэнне тэма пошук адрас
панэль меню кнопка паведамленне дазвол камера мікрафон сертыфікат злучэнне сетка
даныя браўзер абнаўленне версія мова шрыфт колер друк памылка папярэджанне
прылада новы адкрыць закрыць захаваць выдаліць дазволіць блакаваць ачысціць
паказаць схаваць уключыць выключыць працягнуць скасаваць гэты для
"""),
    "bg": words("""
файл прозорец страница раздел отметка история изтегляне папка настройки
поверителност сигурност парола профил синхронизиране добавка тема търсене адрес
лента меню бутон съобщение известие разрешение камера местоположение сертификат
връзка мрежа данни четец обновяване версия език шрифт цвят печат доклад грешка
предупреждение устройство нов отваряне затваряне запазване премахване разрешаване
блокиране изчистване показване скриване включване изключване управление повече
продължаване отказ копиране поставяне изпращане споделяне този за
"""),
    "sr": words("""
датотека прозор страница језичак обележивач историјат преузимање фасцикла
подешавања приватност безбедност лозинка налог синхронизација профил додатак тема
претрага адреса трака мени дугме порука обавештење дозвола камера микрофон
локација сертификат веза мрежа подаци прегледач ажурирање издање језик фонт боја
штампање грешка упозорење уређај нови отвори затвори сачувај уклони дозволи
блокирај очисти прикажи сакриј омогући онемогући управљај настави откажи копирај
налепи пошаљи подели овај за
"""),
    "kk": words("""
файл терезе бет бетбелгі тарих жүктеу бума баптаулар құпиялылық қауіпсіздік
пароль тіркелгі синхрондау профиль кеңейту тақырып іздеу адрес панель мәзір
батырма хабарлама рұқсат камера микрофон орналасу сертификат байланыс желі
деректер браузер жаңарту нұсқа тіл қаріп түс баспа қате ескерту құрылғы жаңа ашу
жабу сақтау өшіру бұғаттау тазарту көрсету жасыру қосу сөндіру жалғастыру бас
тарту бұл үшін
"""),
    "tg": words("""
файл равзана саҳифа варақа хатчӯб таърих боргирӣ ҷузвдон танзимот махфият амният
парол ҳисоб ҳамоҳангсозӣ профил васеъшавӣ мавзуъ ҷустуҷӯ суроға панел меню тугма
паём огоҳинома иҷозат камера микрофон ҷойгиршавӣ сертификат пайвастшавӣ шабака
маълумот браузер навсозӣ версия забон ҳарф ранг чоп хато огоҳӣ дастгоҳ нав
кушодан пӯшидан нигоҳ нест манъ тоза намоиш пинҳон идома бекор ин барои
"""),
    "el": words("""
αρχείο παράθυρο σελίδα καρτέλα σελιδοδείκτης ιστορικό λήψη φάκελος ρυθμίσεις
απόρρητο ασφάλεια κωδικός πρόσβασης λογαριασμός συγχρονισμός προφίλ επέκταση θέμα
αναζήτηση μηχανή διεύθυνση γραμμή μενού πίνακας κουμπί μήνυμα ειδοποίηση άδεια
κάμερα μικρόφωνο τοποθεσία πιστοποιητικό σύνδεση δίκτυο δεδομένα ενημέρωση έκδοση
γλώσσα γραμματοσειρά χρώμα εκτύπωση προστασία αναφορά σφάλμα προειδοποίηση συσκευή
νέο άνοιγμα κλείσιμο αποθήκευση διαγραφή αφαίρεση αποδοχή φραγή απαλοιφή εμφάνιση
απόκρυψη ενεργοποίηση απενεργοποίηση διαχείριση συνέχεια ακύρωση αντιγραφή
επικόλληση αποστολή κοινή χρήση το για από με
"""),
    "th": words("""
ไฟล์ หน้าต่าง หน้า แท็บ ที่คั่นหน้า ประวัติ การดาวน์โหลด โฟลเดอร์ การตั้งค่า
ความเป็นส่วนตัว ความปลอดภัย รหัสผ่าน บัญชี ซิงค์ โปรไฟล์ ส่วนขยาย ชุดตกแต่ง ค้นหา
เครื่องมือค้นหา ที่อยู่ แถบ เมนู แผง ปุ่ม ข้อความ การแจ้งเตือน สิทธิอนุญาต กล้อง
ไมโครโฟน ตำแหน่งที่ตั้ง ใบรับรอง การเชื่อมต่อ เครือข่าย ข้อมูล เบราว์เซอร์ อัปเดต
รุ่น ภาษา แบบอักษร สี พิมพ์ การป้องกัน รายงาน ข้อผิดพลาด คำเตือน อุปกรณ์ ใหม่
เปิด ปิด บันทึก ลบ อนุญาต ปิดกั้น ล้าง แสดง ซ่อน เปิดใช้งาน ปิดใช้งาน จัดการ
เรียนรู้เพิ่มเติม ดำเนินการต่อ ยกเลิก คัดลอก วาง ส่ง แบ่งปัน นี้ ของ
"""),
    "hi-IN": words("""
फ़ाइल विंडो पृष्ठ टैब बुकमार्क इतिहास डाउनलोड फ़ोल्डर सेटिंग्स गोपनीयता सुरक्षा
पासवर्ड खाता सिंक प्रोफ़ाइल एक्सटेंशन थीम खोज इंजन पता पट्टी मेन्यू पैनल बटन
संदेश सूचना अनुमति कैमरा माइक्रोफ़ोन स्थान प्रमाणपत्र कनेक्शन नेटवर्क डेटा
ब्राउज़र अद्यतन संस्करण भाषा फ़ॉन्ट रंग छापें रिपोर्ट त्रुटि चेतावनी डिवाइस नया
खोलें बंद सहेजें मिटाएं हटाएं अवरुद्ध साफ़ दिखाएं छिपाएं सक्षम अक्षम प्रबंधित
अधिक जानें जारी रखें रद्द करें कॉपी चिपकाएं भेजें साझा का की में और यह
"""),
    "mr": words("""
फाइल खिडकी पृष्ठ टॅब वाचनखूण इतिहास डाउनलोड फोल्डर सेटिंग्ज गोपनीयता सुरक्षा
पासवर्ड खाते प्रोफाइल थीम शोध पत्ता पट्टी मेनू बटण संदेश सूचना परवानगी कॅमेरा
स्थान प्रमाणपत्र जोडणी नेटवर्क माहिती ब्राउझर अद्यतन आवृत्ती भाषा रंग छपाई
त्रुटी इशारा साधन नवीन उघडा बंद करा जतन काढून टाका द्या अडवा साफ दाखवा लपवा
सुरू रद्द पाठवा हे चा ची
"""),
    "ne-NP": words("""
फाइल सञ्झ्याल पृष्ठ ट्याब पुस्तकचिनो इतिहास डाउनलोड फोल्डर सेटिङहरू गोपनीयता
सुरक्षा पासवर्ड खाता प्रोफाइल खोजी ठेगाना मेनु बटन सन्देश सूचना अनुमति क्यामेरा
स्थान जडान सञ्जाल डाटा ब्राउजर अद्यावधिक संस्करण भाषा रङ छाप्नुहोस् त्रुटि
चेतावनी नयाँ खोल्नुहोस् बन्द गर्नुहोस् हटाउनुहोस् देखाउनुहोस् लुकाउनुहोस् रद्द
यो को मा
"""),
    "bn": words("""
ফাইল উইন্ডো পাতা ট্যাব বুকমার্ক ইতিহাস ডাউনলোড ফোল্ডার সেটিংস গোপনীয়তা নিরাপত্তা
পাসওয়ার্ড অ্যাকাউন্ট সিঙ্ক প্রোফাইল এক্সটেনশন থিম অনুসন্ধান ঠিকানা বার মেনু
প্যানেল বোতাম বার্তা বিজ্ঞপ্তি অনুমতি ক্যামেরা মাইক্রোফোন অবস্থান সার্টিফিকেট
সংযোগ নেটওয়ার্ক তথ্য ব্রাউজার হালনাগাদ সংস্করণ ভাষা ফন্ট রং মুদ্রণ সুরক্ষা
প্রতিবেদন ত্রুটি সতর্কতা ডিভাইস নতুন খুলুন বন্ধ করুন সংরক্ষণ মুছুন সরান দিন
ব্লক পরিষ্কার দেখান লুকান সক্রিয় নিষ্ক্রিয় পরিচালনা আরও জানুন চালিয়ে যান বাতিল
অনুলিপি পাঠান শেয়ার এই এর
"""),
    "ta": words("""
கோப்பு சாளரம் பக்கம் கீற்று புத்தகக்குறி வரலாறு பதிவிறக்கம் அடைவு அமைப்புகள்
தனியுரிமை பாதுகாப்பு கடவுச்சொல் கணக்கு ஒத்திசைவு விவரக்கோப்பு நீட்சி கருப்பொருள்
தேடல் பொறி முகவரி பட்டை பட்டி பலகம் பொத்தான் செய்தி அறிவிப்பு அனுமதி படக்கருவி
ஒலிவாங்கி இடம் சான்றிதழ் இணைப்பு பிணையம் தரவு உலாவி புதுப்பிப்பு பதிப்பு மொழி
எழுத்துரு நிறம் அச்சிடு அறிக்கை பிழை எச்சரிக்கை சாதனம் புதிய திற மூடு சேமி அழி
நீக்கு தடு துடை காட்டு மறை செயல்படுத்து முடக்கு நிர்வகி மேலும் அறிக தொடர் ரத்து
நகலெடு ஒட்டு அனுப்பு பகிர் இந்த
"""),
    "de": words("""
Datei Fenster Seite Tab Lesezeichen Chronik Download Ordner Einstellungen
Datenschutz Sicherheit Passwort Konto Synchronisation Profil Erweiterung Theme
Suche Suchmaschine Adresse Symbolleiste Menü Bedienfeld Schaltfläche Nachricht
Benachrichtigung Berechtigung Kamera Mikrofon Standort Zertifikat Verbindung
Netzwerk Daten Website Browser Aktualisierung Version Sprache Schriftart Farbe
Drucken Schutz Bericht Fehler Warnung Anfrage Gerät Speicher Sicherung Import
Export Bibliothek Tastenkombination Option Funktion neu öffnen schließen speichern
löschen entfernen erlauben blockieren leeren anzeigen ausblenden aktivieren
deaktivieren verwalten weitere fortfahren abbrechen kopieren einfügen senden
teilen bearbeiten verschieben alle diese für von mit über Größe
"""),
    "fr": words("""
fichier fenêtre page onglet marque-page historique téléchargement dossier
paramètres vie privée sécurité mot de passe compte synchronisation profil
extension thème recherche moteur adresse barre menu panneau bouton message
notification permission caméra microphone emplacement certificat connexion réseau
données site navigateur mise à jour version langue police couleur impression
protection rapport erreur avertissement requête appareil stockage sauvegarde
importer exporter bibliothèque raccourci option fonctionnalité nouveau ouvrir
fermer enregistrer supprimer retirer autoriser bloquer effacer afficher masquer
activer désactiver gérer en savoir plus redémarrer continuer annuler copier coller
envoyer partager modifier déplacer tous ce pour de avec être
"""),
    "es": words("""
archivo ventana página pestaña marcador historial descarga carpeta ajustes
privacidad seguridad contraseña cuenta sincronización perfil extensión tema
búsqueda buscador dirección barra menú panel botón mensaje notificación permiso
cámara micrófono ubicación certificado conexión red datos sitio navegador
actualización versión idioma fuente color imprimir protección informe error
advertencia solicitud dispositivo almacenamiento copia importar exportar
biblioteca atajo opción función nuevo abrir cerrar guardar eliminar quitar
permitir bloquear limpiar mostrar ocultar activar desactivar administrar más
información reiniciar continuar cancelar copiar pegar enviar compartir editar
mover todos este para de con también
"""),
    "it": words("""
file finestra pagina scheda segnalibro cronologia download cartella impostazioni
privacy sicurezza password account sincronizzazione profilo estensione tema
ricerca motore indirizzo barra menu pannello pulsante messaggio notifica permesso
fotocamera microfono posizione certificato connessione rete dati sito browser
aggiornamento versione lingua carattere colore stampa protezione segnalazione
errore avviso richiesta dispositivo archiviazione backup importa esporta libreria
scorciatoia opzione funzione nuovo apri chiudi salva elimina rimuovi consenti
blocca cancella mostra nascondi attiva disattiva gestisci ulteriori informazioni
riavvia continua annulla copia incolla invia condividi modifica sposta tutti questo
per di con perché
"""),
    "pt": words("""
arquivo janela página aba favorito histórico download pasta configurações
privacidade segurança senha conta sincronização perfil extensão tema pesquisa
mecanismo endereço barra menu painel botão mensagem notificação permissão câmera
microfone localização certificado conexão rede dados site navegador atualização
versão idioma fonte cor imprimir proteção relatório erro aviso solicitação
dispositivo armazenamento cópia importar exportar biblioteca atalho opção recurso
novo abrir fechar salvar excluir remover permitir bloquear limpar mostrar ocultar
ativar desativar gerenciar saiba mais reiniciar continuar cancelar copiar colar
enviar compartilhar editar mover todos este para de com não
"""),
    "nl": words("""
bestand venster pagina tabblad bladwijzer geschiedenis download map instellingen
privacy beveiliging wachtwoord account synchronisatie profiel extensie thema
zoeken zoekmachine adres werkbalk menu paneel knop bericht melding toestemming
camera microfoon locatie certificaat verbinding netwerk gegevens website browser
update versie taal lettertype kleur afdrukken bescherming rapport fout waarschuwing
verzoek apparaat opslag reservekopie importeren exporteren bibliotheek sneltoets
optie functie nieuw openen sluiten opslaan verwijderen toestaan blokkeren wissen
tonen verbergen inschakelen uitschakelen beheren meer informatie herstarten
doorgaan annuleren kopiëren plakken verzenden delen bewerken verplaatsen alle deze
voor van met
"""),
    "pl": words("""
plik okno strona karta zakładka historia pobieranie folder ustawienia prywatność
bezpieczeństwo hasło konto synchronizacja profil rozszerzenie motyw wyszukiwanie
wyszukiwarka adres pasek menu panel przycisk wiadomość powiadomienie uprawnienie
kamera mikrofon położenie certyfikat połączenie sieć dane witryna przeglądarka
aktualizacja wersja język czcionka kolor drukuj ochrona zgłoszenie błąd ostrzeżenie
żądanie urządzenie pamięć kopia importuj eksportuj biblioteka skrót opcja funkcja
nowy otwórz zamknij zapisz usuń zezwól blokuj wyczyść pokaż ukryj włącz wyłącz
zarządzaj więcej kontynuuj anuluj kopiuj wklej wyślij udostępnij edytuj przenieś
wszystkie ten dla z się
"""),
    "cs": words("""
soubor okno stránka panel záložka historie stahování složka nastavení soukromí
zabezpečení heslo účet synchronizace profil rozšíření vzhled vyhledávání
vyhledávač adresa lišta nabídka tlačítko zpráva oznámení oprávnění kamera mikrofon
poloha certifikát připojení síť data stránka prohlížeč aktualizace verze jazyk
písmo barva tisk ochrana hlášení chyba varování požadavek zařízení úložiště záloha
import export knihovna zkratka možnost funkce nový otevřít zavřít uložit smazat
odebrat povolit blokovat vymazat zobrazit skrýt zapnout vypnout spravovat více
pokračovat zrušit kopírovat vložit odeslat sdílet upravit přesunout všechny tento
pro z se
"""),
    "tr": words("""
dosya pencere sayfa sekme yer imi geçmiş indirme klasör ayarlar gizlilik güvenlik
parola hesap eşitleme profil uzantı tema arama motoru adres çubuk menü panel düğme
ileti bildirim izin kamera mikrofon konum sertifika bağlantı ağ veri site tarayıcı
güncelleme sürüm dil yazı tipi renk yazdır koruma rapor hata uyarı istek cihaz
depolama yedek içe aktar dışa aktar kitaplık kısayol seçenek özellik yeni aç kapat
kaydet sil kaldır izin ver engelle temizle göster gizle etkinleştir devre dışı yönet
daha fazla devam vazgeç kopyala yapıştır gönder paylaş düzenle taşı tüm bu için ile
"""),
    "vi": words("""
tập tin cửa sổ trang thẻ dấu trang lịch sử tải xuống thư mục cài đặt riêng tư bảo
mật mật khẩu tài khoản đồng bộ hồ sơ tiện ích chủ đề tìm kiếm công cụ địa chỉ thanh
menu bảng nút tin nhắn thông báo quyền máy ảnh micrô vị trí chứng chỉ kết nối mạng
dữ liệu trang web trình duyệt cập nhật phiên bản ngôn ngữ phông chữ màu in bảo vệ
báo cáo lỗi cảnh báo yêu cầu thiết bị lưu trữ sao lưu nhập xuất thư viện phím tắt
tùy chọn tính năng mới mở đóng lưu xóa gỡ bỏ cho phép chặn hiển thị ẩn bật tắt quản
lý tìm hiểu thêm khởi động lại tiếp tục hủy bỏ sao chép dán gửi chia sẻ chỉnh sửa di
chuyển tất cả này của với
"""),
    "nordic": words("""
fil vindue side faneblad bogmærke historik hentning mappe indstillinger
privatliv sikkerhed adgangskode konto synkronisering profil udvidelse tema søgning
søgetjeneste adresse værktøjslinje menu panel knap meddelelse tilladelse kamera
mikrofon placering certifikat forbindelse netværk data websted browser opdatering
version sprog skrifttype farve udskriv beskyttelse rapport fejl advarsel enhed lager
sikkerhedskopi importér eksportér bibliotek genvej indstilling funktion ny åbn luk
gem slet fjern tillad bloker ryd vis skjul aktivér deaktivér håndtér læs mere
genstart fortsæt annuller kopiér indsæt send del redigér flyt alle denne for fra
med på är och på är
"""),
}
# Locales that use another's list.
LIST_OF = {
    "skr": "ur",
    "mk": "bg",
    "es-AR": "es", "es-CL": "es", "es-ES": "es", "es-MX": "es", "an": "es", "ast": "es", "gl": "es", "gn": "es",
    "it": "it", "lij": "it", "fur": "it", "sc": "it",
    "pt-BR": "pt", "pt-PT": "pt",
    "fy-NL": "nl",
    "szl": "pl",
    "cs": "cs", "sk": "cs",
    "az": "tr",
    "da": "nordic", "sv-SE": "nordic", "nb-NO": "nordic", "nn-NO": "nordic",
}
# Locales that write English words (with British spelling, as the source has).
ENGLISH = {"en-CA", "en-GB", "sco"}

# Pseudo-words made of letters of the language's script (alphabets), or of
# consonant + vowel-sign syllables (abugidas).
def chars(a, b):
    return [chr(c) for c in range(a, b + 1)]


SYLLABLES = {
    # abugidas: (consonants, vowel signs)
    "te": (chars(0x0C15, 0x0C28), chars(0x0C3E, 0x0C44) + ["\u0C46", "\u0C47", ""]),
    "kn": (chars(0x0C95, 0x0CA8), chars(0x0CBE, 0x0CC4) + ["", ""]),
    "gu-IN": (chars(0x0A95, 0x0AA8), ["\u0ABE", "\u0ABF", "\u0AC0", "\u0AC1", "\u0AC7", "\u0ACB", ""]),
    "pa-IN": (chars(0x0A15, 0x0A28), ["\u0A3E", "\u0A3F", "\u0A40", "\u0A41", "\u0A42", "\u0A47", "\u0A4B", ""]),
    "km": (chars(0x1780, 0x17A2), chars(0x17B6, 0x17C5) + [""]),
    "lo": (list("ກຂຄງຈຊຍດຕຖທນບປຜຝພຟມຢຣລວສຫອຮ"), list("າິີຶືຸູ") + [""]),
    "my": (chars(0x1000, 0x1020), chars(0x102B, 0x1032) + [""]),
    "si": (chars(0x0D9A, 0x0DA5), chars(0x0DCF, 0x0DD4) + ["\u0DD8", ""]),
}
ALPHABETS = {
    # (consonants, vowels)
    "ka": (list("ბგდვზთკლმნპჟრსტფქღყშჩცძწჭხჯჰ"), list("აეიოუ")),
    "hy-AM": (list("բգդզթժլխծկհձղճմյնշչպջռսվտրցփքֆ"), list("աեէըիոու")),
    "hye": (list("բգդզթժլխծկհձղճմյնշչպջռսվտրցփքֆ"), list("աեէըիոու")),
    "sat": (chars(0x1C5A, 0x1C7D), []),
    # Latin alphabets with the language's letters
    "fi": (list("hjklmnprstvdg"), list("aeiouyäö")),
    "et": (list("hjklmnprstvdgb"), list("aeiouõäöü")),
    "hu": (list("bcdfghjklmnprstvz"), list("aáeéiíoóöőuúüű")),
    "ro": (list("bcdfglmnprstvzșț"), list("aăâeiîou")),
    "lt": (list("bdgjklmnprstvzčšž"), list("aąeęėiįyouųū")),
    "lv": (list("bdgjklmnprstvzčšžģķļņ"), list("aāeēiīouū")),
    "ltg": (list("bdgjklmnprstvzčšž"), list("aāeēiīyōuū")),
    "hr": (list("bcdgjklmnprstvzčćđšž"), list("aeiou")),
    "bs": (list("bcdgjklmnprstvzčćđšž"), list("aeiou")),
    "sl": (list("bcdgjklmnprstvzčšž"), list("aeiou")),
    "dsb": (list("bcdgjklmnprstwzčěłńšžŕ"), list("aeiouóy")),
    "hsb": (list("bcdgjklmnprstwzčěłńšžř"), list("aeiouóy")),
    "cy": (list("bcdfglmnprstwy") + ["dd", "ll", "ch"], list("aeiouwyâêŵŷ")),
    "ga-IE": (list("bcdfghlmnrst"), list("aeiouáéíóú")),
    "gd": (list("bcdfghlmnrst"), list("aeiouàèìòù")),
    "is": (list("bdfghjklmnprstvðþ"), list("aáeéiíoóuúyýæö")),
    "eo": (list("bcdfgjklmnprstvzĉĝĥĵŝ"), list("aeiouŭ")),
    "ca": (list("bcdfglmnprstvxç") + ["l·l", "ny"], list("aàeèéiíïoòóuúü")),
    "ca-valencia": (list("bcdfglmnprstvxç") + ["l·l", "ny"], list("aàeèéiíïoòóuúü")),
    "eu": (list("bdgklmnprstxzñ") + ["tx", "tz"], list("aeiou")),
    "sq": (list("bcdfgjklmnprstvxzç"), list("aeëiouy")),
    "oc": (list("bcdfglmnprstv") + ["lh", "nh"], list("aàeèéíòóú")),
    "br": (list("bdfgklmnprstvz") + ["c'h"], list("aeiouù")),
    "kab": (list("bdfgklmnrstwyzɛɣḍḥṛṣṭẓčǧ"), list("aeiu")),
    "ff": (list("bdfgjklmnprstwyɓɗŋɲƴ"), list("aeiou")),
    "wo": (list("bdfgjklmnprstwyñŋ"), list("aeiouàéëó")),
    "rm": (list("bcdfglmnprstvz"), list("aeiouàèéòü")),
    "trs": (list("cdghjklmnrstyz"), list("aeiouǎěǐǒǔâ")),
    "meh": (list("cdghjklmnrstvyz"), list("aeiuáéíúǎ")),
    "cak": (list("bchjklmnpqrstwxy") + ["q'", "k'", "tz'"], list("aeiouä")),
    "son": (list("bdfghjklmnrstwyzɲŋ"), list("aeiouãõ")),
}
# Plain Latin pseudo-words for the rest.
PLAIN_LATIN = (list("bdfghjklmnprstvwyz"), list("aeiou"))

NO_SPACE = {"ja", "zh-CN", "zh-TW", "th"}
STOPS = {
    "ja": "。", "zh-CN": "。", "zh-TW": "。",
    "ur": "۔", "skr": "۔",
    "hi-IN": "।", "mr": ".", "ne-NP": "।", "bn": "।", "pa-IN": "।",
    "th": "", "my": "။", "km": "។", "el": ".", "hy-AM": "։", "hye": "։", "sat": "᱾",
}

# CLDR plural categories (approximate where it does not matter).
PLURALS = {}
for _l in "ja zh-CN zh-TW ko th vi id ms km lo my meh trs".split():
    PLURALS[_l] = ["other"]
for _l in "ru uk be pl cs sk lt szl".split():
    PLURALS[_l] = ["one", "few", "many", "other"]
for _l in "hr bs sr".split():
    PLURALS[_l] = ["one", "few", "other"]
for _l in "sl dsb hsb".split():
    PLURALS[_l] = ["one", "two", "few", "other"]
PLURALS.update({
    "gl": ["one", "many", "other"],
    "sat": ["one", "two", "other"],
    "ro": ["one", "few", "other"],
    "lv": ["zero", "one", "other"], "ltg": ["zero", "one", "other"],
    "ar": ["zero", "one", "two", "few", "many", "other"],
    "cy": ["zero", "one", "two", "few", "many", "other"],
    "ga-IE": ["one", "two", "few", "many", "other"],
    "br": ["one", "two", "few", "many", "other"],
    "gd": ["one", "two", "few", "other"],
    "he": ["one", "two", "other"],
})
for _l in "fr es-AR es-CL es-ES es-MX it pt-BR pt-PT ca ca-valencia".split():
    PLURALS[_l] = ["one", "many", "other"]


def plural_categories(locale):
    return PLURALS.get(locale, ["one", "other"])


class Lexicon:
    """Turns an English word into a word of `locale`, always the same one."""

    def __init__(self, locale):
        self.locale = locale
        self.sep = "" if locale in NO_SPACE else " "
        self.stop = STOPS.get(locale, ".")
        self.list = WORD_LISTS.get(LIST_OF.get(locale, locale))
        self.kind = "list" if self.list else "english" if locale in ENGLISH else "syll"
        self.cache = {}

    def word(self, en):
        w = self.cache.get(en)
        if w is None:
            w = self.cache[en] = self._word(en)
        return w

    def _word(self, en):
        h = zlib.crc32(f"{self.locale}:{en}".encode())
        if self.kind == "list":
            return self.list[h % len(self.list)]
        if self.kind == "english":
            return en
        r = random.Random(h)
        if self.locale in SYLLABLES:
            cons, signs = SYLLABLES[self.locale]
            return "".join(r.choice(cons) + r.choice(signs) for _ in range(r.randint(2, 4)))
        cons, vowels = ALPHABETS.get(self.locale, PLAIN_LATIN)
        if not vowels:
            return "".join(r.choice(cons) for _ in range(r.randint(3, 7)))
        out = "".join(r.choice(cons) + r.choice(vowels) for _ in range(r.randint(1, 4)))
        return out + (r.choice(cons) if r.random() < 0.4 else "")

    def text(self, tokens, capital=True, stop=True):
        """Tokens: ("w", english word) or ("p", placeable text)."""
        out = []
        for kind, value in tokens:
            out.append(self.word(value) if kind == "w" else value)
        s = self.sep.join(out) if self.sep else "".join(
            (" " + t + " ") if t.startswith("{") else t for t in out
        ).strip().replace("  ", " ")
        if capital and s[:1].islower():
            s = s[:1].upper() + s[1:]
        if stop:
            s += self.stop
        return s


class English(Lexicon):
    def __init__(self):
        super().__init__("en-US")
        self.kind = "english"
        self.stop = "."


# ---------------------------------------------------------------------------
# The reference (en-US) content, as a structure rendered per locale

AREAS = [
    "browser", "browser/preferences", "browser/newtab", "toolkit/global", "toolkit/about",
    "devtools/client", "dom", "security/manager", "services/sync", "mobile/android",
]
ATTR_SETS = [["label", "accesskey"], ["title"], ["tooltiptext"], ["placeholder"], ["aria-label"], ["label"]]
VARS = ["name", "url", "host", "size", "date", "version", "engine", "domain"]
PRODUCTS = """
brand vendor sync monitor relay pocket vpn focus lockwise send screenshots
account shield container reader translations
""".split()


class Entry:
    """One reference entry. `kind`: plain, attrs, value-attrs, plural, multiline, term."""

    def __init__(self, id, kind, comment=None, value=None, attrs=(), plural=None, lines=None):
        self.id = id
        self.kind = kind
        self.comment = comment
        self.value = value  # list of tokens
        self.attrs = list(attrs)  # [(name, tokens)]
        self.plural = plural  # (var, tokens)
        self.lines = lines  # list of token lists for multiline


def rand_tokens(rng, n_words, placeables=()):
    toks = [("w", rng.choice(EN_WORDS)) for _ in range(n_words)]
    for p in placeables:
        toks.insert(rng.randint(1, len(toks)), ("p", p))
    return toks


def make_brand_file(rng, n):
    entries = []
    names = []
    for i in range(n):
        prod = PRODUCTS[i % len(PRODUCTS)]
        suffix = ["short-name", "shorter-name", "full-name", "product-name", "name"][(i // len(PRODUCTS)) % 5]
        tid = f"-{prod}-{suffix}" + (f"-{i // (5 * len(PRODUCTS))}" if i >= 5 * len(PRODUCTS) else "")
        value = [("p", "Nightly" if prod == "brand" else prod.capitalize())]
        if suffix == "full-name":
            value.append(("w", "browser"))
        comment = "Product name, do not translate." if i % 4 == 0 else None
        e = Entry(tid, "term", comment=comment, value=value)
        entries.append(e)
        names.append(tid)
    return entries, names


def make_file(rng, stem, n, terms):
    """`n` entries of a reference file (ids unique in the file)."""
    entries = []
    seen = set()
    for i in range(n):
        while True:
            eid = f"{stem}-{rng.choice(EN_WORDS)}-{rng.choice(EN_WORDS)}"
            if eid not in seen:
                break
            eid = f"{eid}-{i}"
            if eid not in seen:
                break
        seen.add(eid)
        r = rng.random()
        comment = None
        if r < 0.38:
            e = Entry(eid, "plain", value=rand_tokens(rng, rng.randint(2, 7)))
        elif r < 0.53:
            var = rng.choice(VARS)
            e = Entry(eid, "plain", value=rand_tokens(rng, rng.randint(2, 7), [f"{{ ${var} }}"]))
            comment = f"Variables:\n  ${var} (String) - the {rng.choice(EN_WORDS)} shown in the {rng.choice(EN_WORDS)}"
        elif r < 0.63:
            names = rng.choice(ATTR_SETS)
            attrs = []
            for a in names:
                if a == "accesskey":
                    label = attrs[0][1]
                    attrs.append((a, [("k", label[0][1][0].upper())]))
                else:
                    attrs.append((a, rand_tokens(rng, rng.randint(1, 4))))
            e = Entry(eid + "-button" if "label" in names else eid, "attrs", attrs=attrs)
            if e.id in seen:
                e.id = eid
            seen.add(e.id)
        elif r < 0.71:
            attrs = [(rng.choice(["title", "tooltiptext", "aria-label"]), rand_tokens(rng, rng.randint(2, 5)))]
            e = Entry(eid, "value-attrs", value=rand_tokens(rng, rng.randint(1, 4)), attrs=attrs)
        elif r < 0.81:
            e = Entry(eid, "plural", plural=("count", rand_tokens(rng, rng.randint(2, 5))))
            comment = "Variables:\n  $count (Number) - number of items"
        elif r < 0.92:
            term = rng.choice(terms)
            e = Entry(eid, "plain", value=rand_tokens(rng, rng.randint(2, 6), [f"{{ {term} }}"]))
        elif r < 0.975:
            e = Entry(eid, "multiline", lines=[rand_tokens(rng, rng.randint(4, 7)) for _ in range(rng.randint(2, 3))])
        else:
            e = Entry(f"-{stem}-{rng.choice(EN_WORDS)}-name-{i}", "term", value=rand_tokens(rng, rng.randint(1, 3)))
            seen.add(e.id)
        if comment is None and rng.random() < 0.2:
            comment = f"This {rng.choice(EN_WORDS)} is shown in the {rng.choice(EN_WORDS)} {rng.choice(EN_WORDS)}."
        e.comment = comment
        entries.append(e)
    return entries


LICENSE = (
    "# This Source Code Form is subject to the terms of the Mozilla Public\n"
    "# License, v. 2.0. If a copy of the MPL was not distributed with this\n"
    "# file, You can obtain one at http://mozilla.org/MPL/2.0/.\n"
)


def render_entry(e, lex, locale, rng):
    """FTL text of entry `e` for `lex` (no trailing newline)."""
    if e.kind == "term":
        if e.value[0][0] == "p":
            # brand names (the value starts with the product name) are not translated
            return f"{e.id} = " + " ".join(v if k == "p" else lex.word(v) for k, v in e.value)
        return f"{e.id} = {lex.text(e.value, stop=False)}"
    if e.kind == "plain":
        return f"{e.id} = {lex.text(e.value)}"
    if e.kind == "multiline":
        body = "\n".join("    " + lex.text(t, capital=(i == 0), stop=(i == len(e.lines) - 1)) for i, t in enumerate(e.lines))
        return f"{e.id} =\n{body}"
    if e.kind in ("attrs", "value-attrs"):
        head = f"{e.id} =" if e.kind == "attrs" else f"{e.id} = {lex.text(e.value, stop=False)}"
        lines = [head]
        label = None
        for name, toks in e.attrs:
            if name == "accesskey":
                key = toks[0][1]
                if label and label[:1].upper() != label[:1].lower():  # a letter with case
                    key = label[:1].upper()
                lines.append(f"    .{name} = {key}")
            else:
                text = lex.text(toks, stop=False)
                if name == "label":
                    label = text
                lines.append(f"    .{name} = {text}")
        return "\n".join(lines)
    if e.kind == "plural":
        var, toks = e.plural
        cats = ["one", "other"] if locale == "en-US" else plural_categories(locale)
        if cats == ["other"]:
            return f"{e.id} = {lex.text([('p', '{ $' + var + ' }')] + toks)}"
        lines = [f"{e.id} =", f"    {{ ${var} ->"]
        for c in cats:
            if c == "zero" and rng.random() < 0.5:
                text = lex.text(toks)
            else:
                text = lex.text([("p", "{ $" + var + " }")] + toks)
            star = "*" if c == "other" else " "
            lines.append(f"       {star}[{c}] {text}")
        lines.append("    }")
        return "\n".join(lines)
    raise ValueError(e.kind)


def render_file(title, entries, lex, locale, rng, with_comments, extra=None):
    """FTL text; `extra`: {index: [ftl text, ...]} inserted before entry index."""
    out = [LICENSE, f"### {title}\n"]
    extra = extra or {}
    for i, e in enumerate(entries):
        if i % 8 == 0:
            out.append(f"## {' '.join(w.capitalize() for w in e.id.split('-')[1:3])} section\n")
        for text in extra.get(i, []):
            out.append(text + "\n")
        if e is None:
            continue
        block = render_entry(e, lex, locale, rng)
        if with_comments and e.comment:
            block = "\n".join("# " + l if l else "#" for l in e.comment.split("\n")) + "\n" + block
        out.append(block + "\n")
    for text in extra.get(len(entries), []):
        out.append(text + "\n")
    return "\n".join(out)


def break_entry(text, how):
    """A syntax error in the FTL text of one entry. Returns the broken text
    and whether the entry is lost (becomes Junk)."""
    first, _, rest = text.partition("\n")
    if how == "missing-equals":
        return first.replace(" =", "", 1) + ("\n" + rest if rest else ""), True
    if how == "unclosed-placeable":
        # `{ $var` without `}` in the middle of the first line
        head, _, tail = first.partition(" = ")
        words_ = tail.split(" ")
        if tail and len(words_) >= 2:
            words_.insert(1, "{ $name")
            return head + " = " + " ".join(words_) + ("\n" + rest if rest else ""), True
        return first + " { $name" + ("\n" + rest if rest else ""), True
    if how == "no-default-variant":
        return text.replace("*[", " [", 1), True
    if how == "unindented-line":
        # the second line of a multiline value at column 0: the message keeps
        # its first line, the rest becomes Junk
        lines = text.split("\n")
        lines[2] = lines[2].lstrip()
        return "\n".join(lines), False
    raise ValueError(how)


# ---------------------------------------------------------------------------
# Corpus generation


def choose_locales(n):
    if n >= len(ALL_LOCALES):
        return list(ALL_LOCALES)
    rest = [l for l in ALL_LOCALES if l not in PRIORITY]
    return sorted((PRIORITY + rest)[:n])


def generate(dirpath, n_locales, n_files, n_messages, seed):
    """Writes the project; returns corpus facts and, per locale, the expected
    counts {locale: {"missing": n, "obsolete": n, "files": {rel: (missing, obsolete, ids...)}}}."""
    rng = random.Random(seed)
    locales = choose_locales(n_locales)
    # The extra [[paths]] entry: a folder only some locales translate.
    n_extra_locales = max(1, round(len(locales) / 5))
    extra_locales = sorted(random.Random(f"{seed}-extra").sample(locales, n_extra_locales))
    n_extra_files = max(1, n_files // 15)

    # Reference files: rel path -> (title, entries)
    files = {}
    stems = set()
    brand_entries, terms = make_brand_file(rng, n_messages)
    files["branding/brand.ftl"] = ("Brand names, shared by all products.", brand_entries)
    stems.add("brand")

    def new_stem():
        while True:
            s = f"{rng.choice(EN_WORDS)}-{rng.choice(EN_WORDS)}"
            if s not in stems and len(set(s.split("-"))) == 2:
                stems.add(s)
                return s

    for i in range(n_files - 1):
        area = AREAS[i % len(AREAS)]
        stem = new_stem()
        files[f"{area}/{stem}.ftl"] = (
            f"Strings for the {stem.replace('-', ' ')} {rng.choice(['panel', 'dialog', 'page', 'menu', 'view'])} of {area}.",
            make_file(rng, stem, n_messages, terms),
        )
    extra_files = {}
    for i in range(n_extra_files):
        stem = new_stem()
        extra_files[f"extensions/webcompat/{stem}.ftl"] = (
            f"Web compatibility interventions: {stem.replace('-', ' ')}.",
            make_file(rng, stem, n_messages, terms),
        )

    # l10n.toml
    with open(os.path.join(dirpath, "l10n.toml"), "w", encoding="utf-8") as f:
        f.write("# Generated by bench/status.py\n\nbasepath = \".\"\n\nlocales = [\n")
        for l in locales:
            f.write(f'    "{l}",\n')
        f.write("]\n\n")
        f.write('[[paths]]\n    reference = "en-US/**"\n    l10n = "{l10n_base}/{locale}/**"\n\n')
        f.write('[[paths]]\n    reference = "extensions/webcompat/en-US/**"\n')
        f.write('    l10n = "{l10n_base}/{locale}/extensions/webcompat/**"\n    locales = [\n')
        for l in extra_locales:
            f.write(f'        "{l}",\n')
        f.write("    ]\n")

    en = English()
    total_bytes = 0
    n_written = 0
    n_entries_written = 0

    def write(path, text):
        nonlocal total_bytes, n_written
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        total_bytes += len(data)
        n_written += 1

    def ref_path(rel):
        if rel.startswith("extensions/webcompat/"):
            return os.path.join(dirpath, "extensions", "webcompat", "en-US", rel[len("extensions/webcompat/"):])
        return os.path.join(dirpath, "en-US", rel)

    all_ref = dict(files)
    all_ref.update(extra_files)
    ref_entries = 0
    for rel, (title, entries) in all_ref.items():
        write(ref_path(rel), render_file(title, entries, en, "en-US", rng, with_comments=True))
        ref_entries += len(entries)
        n_entries_written += len(entries)

    # A few locales get syntax errors: one of each kind, in different files.
    n_broken = max(1, round(len(locales) / 20))
    broken_locales = sorted(random.Random(f"{seed}-broken").sample(locales, n_broken))
    expected = {}
    for locale in locales:
        lrng = random.Random(f"{seed}-{locale}")
        lex = Lexicon(locale)
        exp = {"missing": 0, "obsolete": 0, "files": {}, "syntax_errors": 0}
        expected[locale] = exp
        rels = list(files) + (list(extra_files) if locale in extra_locales else [])
        kinds = ["unclosed-placeable", "missing-equals", "no-default-variant", "unindented-line"]
        # The brand names (rels[0]) are always there and complete.
        missing_files = {rel for rel in rels[1:] if lrng.random() < MISSING_FILE_SHARE}
        breaks = {}
        if locale in broken_locales:
            # one locale: every kind of error; several: two kinds each, in turn
            j = broken_locales.index(locale)
            hows = kinds if len(broken_locales) == 1 else [kinds[(2 * j) % 4], kinds[(2 * j + 1) % 4]]
            present = [rel for rel in rels[1:] if rel not in missing_files]
            for how in hows:
                breaks.setdefault(lrng.choice(present), []).append(how)
        for rel in rels:
            title, entries = all_ref[rel]
            out_path = os.path.join(dirpath, locale, rel)
            if rel in missing_files:
                exp["missing"] += len(entries)
                exp["files"][rel] = {"missing_file": True, "missing": [e.id for e in entries], "obsolete": []}
                continue
            kept = []
            missing = []
            for e in entries:
                if lrng.random() < MISSING_MESSAGE_SHARE and rel != rels[0]:
                    missing.append(e.id)
                    kept.append(None)
                else:
                    kept.append(e)
            extra = {}
            obsolete = []
            n_obs = sum(1 for _ in entries if lrng.random() < OBSOLETE_SHARE)
            for k in range(n_obs):
                oid = f"{rel.rsplit('/', 1)[1][:-4]}-old-{lrng.choice(EN_WORDS)}-{k}"
                if rel == "branding/brand.ftl":
                    oid = "-" + oid  # a term, as the rest of the file
                obsolete.append(oid)
                toks = rand_tokens(lrng, lrng.randint(2, 7))
                extra.setdefault(lrng.randint(0, len(entries)), []).append(
                    render_entry(Entry(oid, "plain", value=toks), lex, locale, lrng)
                )
            # Render; break the chosen entries.
            hows = breaks.get(rel, [])
            broken_ids = []
            rendered = {}
            for how in hows:
                if how == "no-default-variant":
                    cand = [e for e in kept if e and e.kind == "plural" and plural_categories(locale) != ["other"]]
                elif how == "unindented-line":
                    cand = [e for e in kept if e and e.kind == "multiline"]
                elif how == "unclosed-placeable":
                    cand = [e for e in kept if e and e.kind == "plain"]
                else:
                    cand = [e for e in kept if e and e.kind in ("plain", "value-attrs")]
                cand = [e for e in cand if e.id not in rendered]
                if not cand:
                    cand = [e for e in kept if e and e.kind == "plain" and e.id not in rendered]
                    how = "missing-equals"
                e = lrng.choice(cand)
                text, lost = break_entry(render_entry(e, lex, locale, lrng), how)
                rendered[e.id] = text
                exp["syntax_errors"] += 1
                broken_ids.append((e.id, how))
                if lost:
                    missing.append(e.id)
            text = render_file_with(title, kept, lex, locale, lrng, extra, rendered)
            write(out_path, text)
            n_entries_written += sum(1 for e in kept if e) + len(obsolete)
            exp["missing"] += len(missing)
            exp["obsolete"] += len(obsolete)
            exp["files"][rel] = {"missing_file": False, "missing": missing, "obsolete": obsolete, "broken": broken_ids}
    facts = {
        "locales": locales,
        "extra_locales": extra_locales,
        "broken_locales": broken_locales,
        "ref_files": len(files),
        "extra_files": len(extra_files),
        "ref_entries": ref_entries,
        "files_written": n_written,
        "entries_written": n_entries_written,
        "bytes": total_bytes,
    }
    return facts, expected


def render_file_with(title, kept, lex, locale, rng, extra, rendered):
    """render_file for a locale: no message comments, some entries pre-rendered (broken)."""
    out = [LICENSE, f"### {title}\n"]
    for i, e in enumerate(kept):
        if i % 8 == 0:
            out.append(f"## {lex.text([('w', w) for w in EN_WORDS[i % 40:i % 40 + 2]], stop=False)}\n")
        for text in extra.get(i, []):
            out.append(text + "\n")
        if e is None:
            continue
        out.append((rendered.get(e.id) or render_entry(e, lex, locale, rng)) + "\n")
    for text in extra.get(len(kept), []):
        out.append(text + "\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Running and measuring


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def parse_time_v(path):
    fields = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            key, _, value = line.strip().rpartition(": ")
            if key:
                fields[key] = value
    return fields


def count_syscalls(binary, config, corpus, log_dir):
    """`strace -c -f` of one `status` run: {syscall: calls}."""
    out = os.path.join(log_dir, "strace-status.txt")
    with open(os.devnull, "wb") as null:
        subprocess.run(["strace", "-f", "-c", "-o", out, binary, "status", "--config", config,
                        "--format", "json"], stdout=null, stderr=null, cwd=corpus, check=False)
    counts = {}
    with open(out, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            # % time, seconds, usecs/call, calls, [errors,] syscall
            if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != "total":
                try:
                    counts[parts[-1]] = int(parts[3])
                except ValueError:
                    pass
    return counts


def reused_compare_locales(log, cl_json):
    """compare-locales' result of an earlier run (its JSON and `time -v`), as `timed` returns it."""
    shutil.copy2(os.path.join(log, "compare-locales.json"), cl_json)
    t = parse_time_v(os.path.join(log, "compare-locales.time"))
    wall = t.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0:0")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    version = ""
    vpath = os.path.join(log, "compare-locales.version")
    if os.path.exists(vpath):
        with open(vpath, encoding="utf-8") as f:
            version = f.read().strip()
    print(f"  compare-locales: reused from {log}: {secs:.3f} s wall", file=sys.stderr, flush=True)
    return {
        "wall": secs, "code": 1, "rss_mb": int(t.get("Maximum resident set size (kbytes)", 0)) / 1024,
        "cpu": t.get("Percent of CPU this job got", "?"), "user": float(t.get("User time (seconds)", 0)),
        "sys": float(t.get("System time (seconds)", 0)), "version": version or "?",
    }


def timed(name, cmd, cwd, log_dir, ok_codes, quiet=False):
    tv = os.path.join(log_dir, f"{name}.time")
    out_path = os.path.join(log_dir, f"{name}.stdout")
    err_path = os.path.join(log_dir, f"{name}.stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.run([TIME, "-v", "-o", tv] + cmd, stdout=out, stderr=err, cwd=cwd)
        wall = time.perf_counter() - t0
    if proc.returncode not in ok_codes:
        with open(err_path, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-3000:]
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode} (expected {ok_codes}):\n{tail}")
    t = parse_time_v(tv)
    r = {
        "wall": wall,
        "code": proc.returncode,
        "rss_mb": int(t.get("Maximum resident set size (kbytes)", 0)) / 1024,
        "cpu": t.get("Percent of CPU this job got", "?"),
        "user": float(t.get("User time (seconds)", 0)),
        "sys": float(t.get("System time (seconds)", 0)),
        "stdout": out_path,
        "stderr": err_path,
    }
    if quiet:
        return r
    print(
        f"  {name}: {wall:.3f} s wall, user {r['user']:.2f} s, sys {r['sys']:.2f} s, "
        f"CPU {r['cpu']}, {r['rss_mb']:.1f} MB peak RSS, exit {proc.returncode}",
        file=sys.stderr,
        flush=True,
    )
    return r


def machine_load():
    parts = []
    try:
        with open("/proc/loadavg") as f:
            parts.append("loadavg " + " ".join(f.read().split()[:3]))
    except OSError:
        pass
    try:
        with open("/proc/pressure/cpu") as f:
            parts.append("cpu pressure " + f.readline().split()[1].replace("avg10=", "avg10 ") + "%")
    except (OSError, IndexError):
        pass
    return ", ".join(parts) or "unknown"


def ensure_compare_locales(venv, explicit):
    if explicit:
        return explicit
    exe = os.path.join(venv, "bin", "compare-locales")
    if not os.access(exe, os.X_OK):
        print(f"creating {venv} with {REQUIREMENTS} …", file=sys.stderr, flush=True)
        run([sys.executable, "-m", "venv", venv])
        run([os.path.join(venv, "bin", "pip"), "install", "-q", "-r", REQUIREMENTS])
    return exe


# ---------------------------------------------------------------------------
# Comparing the numbers


def canon(locale, path):
    """A file path as ftlkit or compare-locales shows it -> the generator's key."""
    p = path.replace("\\", "/")
    for prefix in (f"{locale}/extensions/webcompat/", "extensions/webcompat/en-US/"):
        i = p.find(prefix)
        if i >= 0 and (i == 0 or p[i - 1] == "/"):
            return "extensions/webcompat/" + p[i + len(prefix):]
    for prefix in (f"{locale}/", "en-US/"):
        i = p.find(prefix)
        if i >= 0 and (i == 0 or p[i - 1] == "/"):
            return p[i + len(prefix):]
    return p


def cl_details(data):
    """compare-locales' JSON details -> {locale: {rel: {"missing": set, "obsolete": set, "missing_file": bool, "errors": [..]}}}."""
    out = collections.defaultdict(lambda: collections.defaultdict(
        lambda: {"missing": set(), "obsolete": set(), "missing_file": False, "errors": [], "warnings": []}))

    def walk(node, prefix):
        if isinstance(node, list):
            path = prefix
            locale = path.split("/", 1)[0]
            d = out[locale][canon(locale, path)]
            for item in node:
                if "missingEntity" in item:
                    d["missing"].add(item["missingEntity"])
                elif "obsoleteEntity" in item:
                    d["obsolete"].add(item["obsoleteEntity"])
                elif "missingFile" in item:
                    d["missing_file"] = True
                elif "error" in item:
                    d["errors"].append(item["error"])
                elif "warning" in item:
                    d["warnings"].append(item["warning"])
            return
        for k, v in node.items():
            walk(v, f"{prefix}/{k}" if prefix else k)

    for observer in data:
        walk(observer.get("details", {}), "")
    return out


def ftl_details(check_json):
    out = collections.defaultdict(lambda: collections.defaultdict(
        lambda: {"missing": set(), "obsolete": set(), "errors": [], "warnings": []}))
    for f in check_json.get("findings", []):
        locale = f["locale"]
        d = out[locale][canon(locale, f["path"])]
        if f["code"] == "missing-message":
            d["missing"].add(f.get("id"))
        elif f["code"] == "obsolete-message":
            d["obsolete"].add(f.get("id"))
        elif f["severity"] == "error":
            d["errors"].append(f"{f['code']}: {f['message']} (line {f['line']})")
        elif f["severity"] == "warning":
            d["warnings"].append(f"{f['code']}: {f['message']} (line {f['line']})")
    return out


def explain(locale, ftl_files, cl_files, exp_files, limit=8):
    """Lines that show which files of `locale` differ, and how."""
    lines = []
    rels = sorted(set(ftl_files) | set(cl_files) | set(exp_files))
    for rel in rels:
        f = ftl_files.get(rel, {"missing": set(), "obsolete": set(), "errors": []})
        c = cl_files.get(rel, {"missing": set(), "obsolete": set(), "errors": [], "missing_file": False})
        e = exp_files.get(rel, {"missing": [], "obsolete": [], "missing_file": False})
        c_missing = set(c["missing"])
        if c.get("missing_file"):
            c_missing = set(e["missing"])  # compare-locales lists only the file, counts its entries
        for what, fs, cs in (("missing", f["missing"], c_missing), ("obsolete", f["obsolete"], c["obsolete"])):
            if fs != cs:
                only_f = sorted(fs - cs)
                only_c = sorted(cs - fs)
                lines.append(
                    f"    {rel}: {what} ftlkit {len(fs)}, compare-locales {len(cs)}, generator {len(e[what])}"
                    + (f"; only ftlkit: {', '.join(only_f[:5])}" if only_f else "")
                    + (f"; only compare-locales: {', '.join(only_c[:5])}" if only_c else "")
                )
                if e.get("broken"):
                    lines.append(f"      syntax errors put in this file: {e['broken']}")
                if c["errors"]:
                    lines.append(f"      compare-locales errors: {c['errors'][:3]}")
                if f["errors"]:
                    lines.append(f"      ftlkit errors: {f['errors'][:3]}")
        if len(lines) > limit * 4:
            lines.append("    …")
            break
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--locales", type=int, default=100, help="number of locales (default 100, at most 100)")
    ap.add_argument("--files", type=int, default=90, help="reference files under en-US/ (default 90)")
    ap.add_argument("--messages", type=int, default=35, help="entries per file (default 35)")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the corpus (default 1)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each ftlkit command (default 3)")
    ap.add_argument("--dir", help="generate the corpus here (must not exist or be empty); implies --keep")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and the logs, print their path")
    ap.add_argument("--skip-compare-locales", action="store_true", help="don't run compare-locales")
    ap.add_argument("--no-cargo", action="store_true", help="skip `cargo build --release`")
    ap.add_argument("--venv", default="/tmp/ftlkit-bench-venv", help="virtualenv for compare-locales (created if needed)")
    ap.add_argument("--compare-locales", help="compare-locales executable to use instead of the venv's")
    ap.add_argument("--reuse-compare-locales", metavar="LOGDIR",
                    help="take compare-locales' JSON and timing from an earlier run's log folder (same corpus "
                         "options and seed) instead of running it again (~6 minutes)")
    ap.add_argument("--binary", help="time this ftlkit binary (implies --no-cargo)")
    ap.add_argument("--no-strace", action="store_true", help="don't count system calls (strace -c -f)")
    args = ap.parse_args()
    if args.binary:
        args.no_cargo = True
    if not 1 <= args.locales <= len(ALL_LOCALES):
        sys.exit(f"--locales must be 1..{len(ALL_LOCALES)}")
    if args.files < 2 or args.messages < 8:
        sys.exit("--files must be at least 2 and --messages at least 8")

    if not args.no_cargo:
        print("cargo build --release …", file=sys.stderr, flush=True)
        run(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    source_binary = os.path.abspath(args.binary) if args.binary else BINARY
    if not os.access(source_binary, os.X_OK):
        sys.exit(f"no binary at {source_binary}")
    if not os.access(TIME, os.X_OK):
        sys.exit(f"{TIME} missing: apt-get install -y time")
    cl = None
    if args.reuse_compare_locales:
        args.skip_compare_locales = True
    if not args.skip_compare_locales:
        cl = ensure_compare_locales(args.venv, args.compare_locales)
        cl_version = subprocess.run([cl, "--version"], capture_output=True, text=True).stdout.strip()

    if args.dir:
        corpus = os.path.abspath(args.dir)
        if os.path.exists(corpus) and os.listdir(corpus):
            sys.exit(f"{corpus} exists and is not empty")
        os.makedirs(corpus, exist_ok=True)
        tmp = None
    else:
        tmp = tempfile.mkdtemp(prefix="ftlkit-status-bench-")
        corpus = os.path.join(tmp, "l10n")
        os.makedirs(corpus)
    log_dir = corpus.rstrip("/") + "-logs"
    os.makedirs(log_dir, exist_ok=True)
    keep = args.keep or args.dir
    try:
        print(f"generating {args.locales} locales x {args.files} files x {args.messages} entries in {corpus} …",
              file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        facts, expected = generate(corpus, args.locales, args.files, args.messages, args.seed)
        print(f"generated in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
        config = os.path.join(corpus, "l10n.toml")
        # A copy, so that a `cargo build` running meanwhile can't swap the binary.
        binary = os.path.join(log_dir, "ftlkit")
        shutil.copy2(source_binary, binary)

        load_before = machine_load()
        runs = {"status": [], "check": [], "one": []}
        one_locale = ONE_LOCALE if ONE_LOCALE in facts["locales"] else facts["locales"][0]
        for i in range(args.runs):
            for cmd in ("status", "check"):
                runs[cmd].append(timed(
                    f"ftlkit-{cmd}-{i + 1}",
                    [binary, cmd, "--config", config, "--format", "json"],
                    corpus, log_dir, (0,) if cmd == "status" else (0, 1),
                ))
        for i in range(max(args.runs, 5)):
            runs["one"].append(timed(
                f"ftlkit-status-{one_locale}-{i + 1}",
                [binary, "status", "--config", config, "--format", "json", one_locale],
                corpus, log_dir, (0,), quiet=True,
            ))
        syscalls = None
        if not args.no_strace and shutil.which("strace"):
            syscalls = count_syscalls(binary, config, corpus, log_dir)
        clr = None
        cl_json = os.path.join(log_dir, "compare-locales.json")
        if cl:
            clr = timed("compare-locales", [cl, "--json", cl_json, config, corpus], corpus, log_dir, (0, 1))
            with open(os.path.join(log_dir, "compare-locales.version"), "w", encoding="utf-8") as f:
                f.write(cl_version.split()[-1] + "\n")
        elif args.reuse_compare_locales:
            clr = reused_compare_locales(args.reuse_compare_locales, cl_json)
            cl_version = "compare-locales (reused) " + clr["version"]
        load_after = machine_load()

        # --- correctness
        with open(runs["status"][0]["stdout"], encoding="utf-8") as f:
            status = json.load(f)
        with open(runs["check"][0]["stdout"], encoding="utf-8") as f:
            check = json.load(f)
        ftl = {row["locale"]: row for row in status["locales"]}
        ftl_files = ftl_details(check)
        cl_summary, cl_files = {}, {}
        if clr:
            with open(cl_json, encoding="utf-8") as f:
                cl_data = json.load(f)
            for observer in cl_data:
                for loc, s in observer.get("summary", {}).items():
                    acc = cl_summary.setdefault(loc, collections.Counter())
                    acc.update({k: v for k, v in s.items() if isinstance(v, int)})
            cl_files = cl_details(cl_data)

        locales = facts["locales"]
        match_cl = match_gen = 0
        report = []
        for loc in locales:
            row = ftl.get(loc)
            fm, fo = (row["missing"], row["obsolete"]) if row else (None, None)
            em, eo = expected[loc]["missing"], expected[loc]["obsolete"]
            ok_gen = (fm, fo) == (em, eo)
            match_gen += ok_gen
            ok_cl = True
            if clr:
                s = cl_summary.get(loc, {})
                cm, co = s.get("missing", 0), s.get("obsolete", 0)
                ok_cl = (fm, fo) == (cm, co)
                match_cl += ok_cl
            if not (ok_cl and ok_gen):
                line = f"  {loc}: ftlkit missing {fm} obsolete {fo}"
                if clr:
                    line += f"; compare-locales missing {cm} obsolete {co}"
                line += f"; generator missing {em} obsolete {eo}"
                report.append(line)
                report += explain(loc, ftl_files.get(loc, {}), cl_files.get(loc, {}), expected[loc]["files"])

        # --- figures
        def summary(rs):
            walls = [r["wall"] for r in rs]
            return min(walls), statistics.median(walls), max(r["rss_mb"] for r in rs), walls

        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        total_entries = facts["entries_written"]
        print()
        print(f"corpus           {len(locales)} locales (+ en-US), {facts['ref_files']} reference files under en-US/"
              f" + {facts['extra_files']} under extensions/webcompat/en-US/ for {len(facts['extra_locales'])} locales")
        print(f"                 {facts['files_written']} files, {total_entries} entries"
              f" ({facts['ref_entries']} in the reference), {facts['bytes'] / 1e6:.1f} MB of FTL")
        print(f"                 syntax errors put in {', '.join(facts['broken_locales'])}"
              f" ({sum(expected[l]['syntax_errors'] for l in locales)} in all)")
        print(f"machine          nproc {nproc}; load before: {load_before}; after: {load_after}")
        print()
        print(f"{'command':<34}{'best s':>9}{'median s':>10}{'CPU s':>8}{'peak RSS MB':>13}  wall of each run (CPU use)")
        rows = {}
        labels = {"status": "ftlkit status --format json", "check": "ftlkit check --format json",
                  "one": f"ftlkit status --format json {one_locale}"}
        for cmd in ("status", "check", "one"):
            best, med, rss, walls = summary(runs[cmd])
            cpu = statistics.median(r["user"] + r["sys"] for r in runs[cmd])
            rows[cmd] = (best, med, rss, cpu)
            print(f"{labels[cmd]:<34}{best:>9.3f}{med:>10.3f}{cpu:>8.2f}{rss:>13.1f}  "
                  + ", ".join(f"{w:.3f}" for w in walls)
                  + f" ({', '.join(r['cpu'] for r in runs[cmd])})")
        if clr:
            cl_cpu = clr["user"] + clr["sys"]
            print(f"{'compare-locales --json (' + cl_version.split()[-1] + ')':<34}{clr['wall']:>9.3f}{clr['wall']:>10.3f}"
                  f"{cl_cpu:>8.2f}{clr['rss_mb']:>13.1f}  1 run ({clr['cpu']}), exit {clr['code']}")
        print("(CPU s: user + sys, median; ftlkit runs on several threads, compare-locales on one)")
        print()

        def verdict(ok):
            return "yes" if ok else "NO"

        print("goals (issue 13; wall times are medians, and mean little on a busy machine: see the load above)")
        for cmd in ("status", "check"):
            med = rows[cmd][1]
            print(f"  {cmd:<6} all locales   {med:7.3f} s   goal <= {GOAL_WALL[cmd]:.2f} s: {verdict(med <= GOAL_WALL[cmd])}")
        med = rows["one"][1]
        print(f"  status {one_locale:<13} {med * 1000:7.1f} ms  goal <= {GOAL_ONE_LOCALE * 1000:.0f} ms: "
              f"{verdict(med <= GOAL_ONE_LOCALE)}")
        if clr:
            for cmd in ("status", "check"):
                best, med, _, cpu = rows[cmd]
                sb, sm = clr["wall"] / best, clr["wall"] / med
                goal = GOAL_SPEEDUP[cmd]
                print(f"  speed-up {cmd:<7} compare-locales / ftlkit: {sb:.0f}x (best), {sm:.0f}x (median),"
                      + (f" {cl_cpu / cpu:.0f}x in CPU time" if cpu > 0 else " (CPU time too small to compare)")
                      + f"  goal >= {goal:.0f}x (median wall): {verdict(sm >= goal)}")
        rss = max(rows[c][2] for c in rows)
        print(f"  peak RSS       {rss:7.1f} MB  goal <= {GOAL_RSS_MB:.0f} MB: {verdict(rss <= GOAL_RSS_MB)}")
        if syscalls:
            files = facts["files_written"]
            total = sum(syscalls.values())
            basic = sum(syscalls.get(c, 0) for c in ("open", "openat", "read", "close"))
            beyond = total - basic
            top = sorted(((n, c) for c, n in syscalls.items() if c not in ("open", "openat", "read", "close")),
                         reverse=True)[:6]
            print(f"  system calls   {total} in all for {files} files ({total / files:.1f} per file);"
                  f" open/read/close {basic}")
            print(f"                 beyond open/read/close {beyond}: {beyond / files:.2f} per file"
                  f"  goal <= {GOAL_SYSCALLS_PER_FILE:.0f}: {verdict(beyond / files <= GOAL_SYSCALLS_PER_FILE)}")
            print("                 most: " + ", ".join(f"{c} {n}" for n, c in top)
                  + f"  (strace -c -f of one status run: {os.path.join(log_dir, 'strace-status.txt')})")
        print()
        if clr:
            print(f"correctness      {match_cl}/{len(locales)} locales: ftlkit's missing and obsolete equal compare-locales'")
        print(f"                 {match_gen}/{len(locales)} locales: ftlkit's missing and obsolete equal what the generator put in")
        if clr:
            ce = sum(s.get("errors", 0) for s in cl_summary.values())
            cw = sum(s.get("warnings", 0) for s in cl_summary.values())
            fe = sum(r.get("errors", 0) for r in ftl.values())
            fw = sum(r.get("warnings", 0) for r in ftl.values())
            print(f"                 (for information: errors/warnings ftlkit {fe}/{fw}, compare-locales {ce}/{cw};"
                  " the two count different checks)")
        extra_locs = sorted(set(ftl) - set(locales))
        if extra_locs:
            print(f"                 ftlkit reports locales not in the config: {extra_locs}")
        for line in report:
            print(line)
        stderr_lines = []
        for r in runs["status"][:1] + runs["check"][:1]:
            with open(r["stderr"], encoding="utf-8", errors="replace") as f:
                stderr_lines += f.read().strip().splitlines()
        if stderr_lines:
            print(f"ftlkit stderr    {len(stderr_lines)} lines, first: {stderr_lines[0]}")
        if keep:
            print(f"corpus kept at   {corpus} (logs in {log_dir})")
    finally:
        if not keep:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                shutil.rmtree(log_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

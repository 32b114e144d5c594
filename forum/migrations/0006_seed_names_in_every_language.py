"""The forum's categories named and described in every interface language other than English
and Russian.

Forward adds a name or description only where the language's key is missing or empty, so a
moderator's later edit wins; backward removes the texts that still read as written here. Rows that
are gone are skipped, and running it again changes nothing (tests/conftest.py re-runs it after
every flush). Country categories have no description.
"""

from django.db import migrations

from taxonomy.names import fill_names, remove_names

NAMES = {
    "general": {
        "kk": "Жалпы талқылау",
        "ky": "Жалпы талкуу",
        "tg": "Муҳокимаи умумӣ",
        "uz": "Umumiy muhokama",
        "uz-cyrl": "Умумий муҳокама",
        "tk": "Umumy pikir alyşma",
        "fa-af": "بحث عمومی",
        "ps": "عمومي بحث",
    },
    "prevention": {
        "kk": "Алдын алу",
        "ky": "Алдын алуу",
        "tg": "Пешгирӣ",
        "uz": "Oldini olish",
        "uz-cyrl": "Олдини олиш",
        "tk": "Öňüni alyş",
        "fa-af": "پیشگیری",
        "ps": "مخنیوی",
    },
    "survivor-services": {
        "kk": "Зардап шеккен адамдарға арналған қызметтер",
        "ky": "Жабыр тарткан адамдарга кызматтар",
        "tg": "Хизматрасонӣ ба наҷотёфтагон",
        "uz": "Zoʻravonlikni boshdan kechirganlar uchun xizmatlar",
        "uz-cyrl": "Зўравонликни бошдан кечирганлар учун хизматлар",
        "tk": "Zorluga sezewar bolan adamlar üçin hyzmatlar",
        "fa-af": "خدمات برای بازماندگان",
        "ps": "ژوندي پاتې شوو کسانو ته خدمتونه",
    },
    "access-to-justice": {
        "kk": "Сот төрелігіне қолжетімділік",
        "ky": "Сот адилеттигине жеткиликтүүлүк",
        "tg": "Дастрасӣ ба адолати судӣ",
        "uz": "Odil sudlovga erishish",
        "uz-cyrl": "Одил судловга эришиш",
        "tk": "Adalata elýeterlilik",
        "fa-af": "دسترسی به عدالت",
        "ps": "عدالت ته لاسرسی",
    },
    "laws-and-policy": {
        "kk": "Заңдар мен саясат",
        "ky": "Мыйзамдар жана саясат",
        "tg": "Қонунҳо ва сиёсат",
        "uz": "Qonunlar va siyosat",
        "uz-cyrl": "Қонунлар ва сиёсат",
        "tk": "Kanunlar we syýasat",
        "fa-af": "قوانین و پالیسی",
        "ps": "قوانین او پالیسي",
    },
    "data-and-research": {
        "kk": "Деректер мен зерттеулер",
        "ky": "Маалыматтар жана изилдөөлөр",
        "tg": "Маълумот ва тадқиқот",
        "uz": "Maʼlumotlar va tadqiqotlar",
        "uz-cyrl": "Маълумотлар ва тадқиқотлар",
        "tk": "Maglumatlar we barlaglar",
        "fa-af": "معلومات و تحقیقات",
        "ps": "معلومات او څېړنې",
    },
    "youth": {
        "kk": "Жастар",
        "ky": "Жаштар",
        "tg": "Ҷавонон",
        "uz": "Yoshlar",
        "uz-cyrl": "Ёшлар",
        "tk": "Ýaşlar",
        "fa-af": "جوانان",
        "ps": "ځوانان",
    },
    "kazakhstan": {
        "kk": "Қазақстан",
        "ky": "Казакстан",
        "tg": "Қазоқистон",
        "uz": "Qozogʻiston",
        "uz-cyrl": "Қозоғистон",
        "tk": "Gazagystan",
        "fa-af": "قزاقستان",
        "ps": "قزاقستان",
    },
    "kyrgyzstan": {
        "kk": "Қырғызстан",
        "ky": "Кыргызстан",
        "tg": "Қирғизистон",
        "uz": "Qirgʻiziston",
        "uz-cyrl": "Қирғизистон",
        "tk": "Gyrgyzystan",
        "fa-af": "قرغیزستان",
        "ps": "قرغزستان",
    },
    "tajikistan": {
        "kk": "Тәжікстан",
        "ky": "Тажикстан",
        "tg": "Тоҷикистон",
        "uz": "Tojikiston",
        "uz-cyrl": "Тожикистон",
        "tk": "Täjigistan",
        "fa-af": "تاجیکستان",
        "ps": "تاجکستان",
    },
    "turkmenistan": {
        "kk": "Түрікменстан",
        "ky": "Түркмөнстан",
        "tg": "Туркманистон",
        "uz": "Turkmaniston",
        "uz-cyrl": "Туркманистон",
        "tk": "Türkmenistan",
        "fa-af": "ترکمنستان",
        "ps": "ترکمنستان",
    },
    "uzbekistan": {
        "kk": "Өзбекстан",
        "ky": "Өзбекстан",
        "tg": "Ӯзбекистон",
        "uz": "Oʻzbekiston",
        "uz-cyrl": "Ўзбекистон",
        "tk": "Özbegistan",
        "fa-af": "ازبکستان",
        "ps": "ازبکستان",
    },
    "afghanistan": {
        "kk": "Ауғанстан",
        "ky": "Афганистан",
        "tg": "Афғонистон",
        "uz": "Afgʻoniston",
        "uz-cyrl": "Афғонистон",
        "tk": "Owganystan",
        "fa-af": "افغانستان",
        "ps": "افغانستان",
    },
    "alliance-coordination": {
        "kk": "Альянсты үйлестіру",
        "ky": "Альянстын координациясы",
        "tg": "Ҳамоҳангсозии эътилоф",
        "uz": "Alyansni muvofiqlashtirish",
        "uz-cyrl": "Альянсни мувофиқлаштириш",
        "tk": "Alýansyň utgaşdyrylyşy",
        "fa-af": "هماهنگی ائتلاف",
        "ps": "د ائتلاف همغږي",
    },
}

DESCRIPTIONS = {
    "general": {
        "kk": "Басқа санаттарға сәйкес келмейтін сұрақтар мен жаңалықтар.",
        "ky": "Башка категорияларга туура келбеген суроолор жана жаңылыктар.",
        "tg": "Саволҳо ва хабарҳое, ки ба дигар категорияҳо мувофиқ нестанд.",
        "uz": "Boshqa turkumlarga toʻgʻri kelmaydigan savollar va yangiliklar.",
        "uz-cyrl": "Бошқа туркумларга тўғри келмайдиган саволлар ва янгиликлар.",
        "tk": "Başga kategoriýalara degişli bolmadyk soraglar we habarlar.",
        "fa-af": "پرسش‌ها و خبرهایی که در کتگوری دیگری نمی‌گنجند.",
        "ps": "هغه پوښتنې او خبرونه چې په بله کټګورۍ کې نه ځایېږي.",
    },
    "prevention": {
        "kk": "Зорлық-зомбылықтың алдын алу: RESPECT стратегиялары, науқандар, мектептер мен қауымдастықтар.",
        "ky": "Зомбулуктун алдын алуу: RESPECT стратегиялары, кампаниялар, мектептер жана жамааттар.",
        "tg": "Пешгирии зӯроварӣ пеш аз сар задани он: стратегияҳои RESPECT, маъракаҳо, мактабҳо ва ҷамоатҳо.",
        "uz": "Zoʻravonlikni u boshlanmasdan oldin toʻxtatish: RESPECT strategiyalari, kampaniyalar, maktablar va jamoalar.",
        "uz-cyrl": "Зўравонликни у бошланмасдан олдин тўхтатиш: RESPECT стратегиялари, кампаниялар, мактаблар ва жамоалар.",
        "tk": "Zorlugyň öňüni ol başlamazdan ozal almak: RESPECT strategiýalary, kampaniýalar, mekdepler we jemgyýetler.",
        "fa-af": "جلوگیری از خشونت پیش از وقوع آن: راهبردهای RESPECT، کمپاین‌ها، مکتب‌ها و جوامع.",
        "ps": "د تاوتریخوالي مخنیوی مخکې له دې چې پیل شي: د RESPECT ستراتیژۍ، کمپاینونه، ښوونځي او ټولنې.",
    },
    "survivor-services": {
        "kk": "Баспаналар, дағдарыс орталықтары, сенім телефондары, медициналық және психоәлеуметтік көмек.",
        "ky": "Баш калкалоочу жайлар, кризистик борборлор, ишеним телефондору, медициналык жана психосоциалдык колдоо.",
        "tg": "Паноҳгоҳҳо, марказҳои бӯҳронӣ, хатҳои боварӣ, ёрии тиббӣ ва равонӣ-иҷтимоӣ.",
        "uz": "Boshpanalar, inqiroz markazlari, ishonch telefonlari, tibbiy va psixososial yordam.",
        "uz-cyrl": "Бошпаналар, инқироз марказлари, ишонч телефонлари, тиббий ва психосоциал ёрдам.",
        "tk": "Gaçybatalgalar, krizis merkezleri, ynam telefonlary, lukmançylyk we psihologik-sosial goldaw.",
        "fa-af": "خانه‌های امن، مراکز بحران، خطوط تماس اضطراری، حمایت صحی و روانی-اجتماعی.",
        "ps": "خوندي سرپناوې، د بحران مرکزونه، د مرستې تلیفوني کرښې، روغتیايي او رواني-ټولنیز ملاتړ.",
    },
    "access-to-justice": {
        "kk": "Полиция, соттар, қорғау нұсқамалары және заң көмегі.",
        "ky": "Милиция, соттор, коргоо ордерлери жана юридикалык жардам.",
        "tg": "Милитсия, судҳо, ордерҳои муҳофизатӣ ва ёрии ҳуқуқӣ.",
        "uz": "Politsiya, sudlar, himoya orderlari va yuridik yordam.",
        "uz-cyrl": "Полиция, судлар, ҳимоя ордерлари ва юридик ёрдам.",
        "tk": "Polisiýa, kazyýetler, gorag hökümleri we hukuk kömegi.",
        "fa-af": "پولیس، محاکم، حکم‌های حمایتی و کمک‌های حقوقی.",
        "ps": "پولیس، محکمې، د ساتنې حکمونه او حقوقي مرسته.",
    },
    "laws-and-policy": {
        "kk": "Заңнама, ұлттық іс-қимыл жоспарлары және адвокация.",
        "ky": "Мыйзамдар, улуттук аракет пландары жана адвокация.",
        "tg": "Қонунгузорӣ, нақшаҳои миллии амал ва ҳимоятгарӣ.",
        "uz": "Qonunchilik, milliy harakatlar rejalari va advokatsiya.",
        "uz-cyrl": "Қонунчилик, миллий ҳаракатлар режалари ва адвокация.",
        "tk": "Kanunçylyk, milli hereket meýilnamalary we goldaw işi.",
        "fa-af": "قانون‌گذاری، پلان‌های عمل ملی و دادخواهی.",
        "ps": "قانون جوړونه، د عمل ملي پلانونه او مدافعه.",
    },
    "data-and-research": {
        "kk": "Сауалнамалар, әкімшілік деректер, дәлелдерге шолулар және әдістер.",
        "ky": "Сурамжылоолор, административдик маалыматтар, далилдерге сереп жана методдор.",
        "tg": "Пурсишҳо, маълумоти маъмурӣ, шарҳи далелҳо ва усулҳо.",
        "uz": "Soʻrovnomalar, maʼmuriy maʼlumotlar, dalillar sharhlari va usullar.",
        "uz-cyrl": "Сўровномалар, маъмурий маълумотлар, далиллар шарҳлари ва усуллар.",
        "tk": "Pikir soraşmalary, administratiw maglumatlar, subutnamalara synlar we usullar.",
        "fa-af": "سروی‌ها، معلومات اداری، مرور شواهد و روش‌ها.",
        "ps": "سروې ګانې، اداري معلومات، د شواهدو بیاکتنې او میتودونه.",
    },
    "youth": {
        "kk": "Жастар ұйымдары, мектептер мен университеттер.",
        "ky": "Жаштар уюмдары, мектептер жана университеттер.",
        "tg": "Созмонҳои ҷавонон, мактабҳо ва донишгоҳҳо.",
        "uz": "Yoshlar tashkilotlari, maktablar va universitetlar.",
        "uz-cyrl": "Ёшлар ташкилотлари, мактаблар ва университетлар.",
        "tk": "Ýaşlar guramalary, mekdepler we uniwersitetler.",
        "fa-af": "سازمان‌های جوانان، مکتب‌ها و پوهنتون‌ها.",
        "ps": "د ځوانانو سازمانونه، ښوونځي او پوهنتونونه.",
    },
    "alliance-coordination": {
        "kk": "Альянс модераторлары арасындағы жоспарлау және үйлестіру.",
        "ky": "Альянстын модераторлорунун ортосундагы пландоо жана координациялоо.",
        "tg": "Банақшагирӣ ва ҳамоҳангсозӣ байни модераторони эътилоф.",
        "uz": "Alyans moderatorlari oʻrtasida rejalashtirish va muvofiqlashtirish.",
        "uz-cyrl": "Альянс модераторлари ўртасида режалаштириш ва мувофиқлаштириш.",
        "tk": "Alýansyň moderatorlarynyň arasynda meýilleşdirme we utgaşdyryş.",
        "fa-af": "برنامه‌ریزی و هماهنگی میان ناظران ائتلاف.",
        "ps": "د ائتلاف د څارونکو ترمنځ پلان جوړونه او همغږي.",
    },
}


def seed(apps, schema_editor):
    categories = apps.get_model("forum", "Category").objects.all()
    fill_names(categories, "names", NAMES)
    fill_names(categories, "descriptions", DESCRIPTIONS)


def unseed(apps, schema_editor):
    categories = apps.get_model("forum", "Category").objects.all()
    remove_names(categories, "names", NAMES)
    remove_names(categories, "descriptions", DESCRIPTIONS)


class Migration(migrations.Migration):
    dependencies = [("forum", "0005_names_in_every_language")]

    operations = [migrations.RunPython(seed, unseed)]

"""More demo threads for `manage.py seed_demo`, in the languages members write in: Russian,
English, Kazakh, Kyrgyz, Tajik, Uzbek and Dari. Same shape as ``forum.demo.THREADS``; authors
are short keys (``WHO``) and ``@{key}`` in a text becomes a mention of that member by id, as the
member picker writes it. Cases are composites: no real person or place is described."""

WHO = {
    "adm": "admin@example.org",
    "mod": "moderator@example.org",
    "exp": "expert@example.org",
    "mem": "member@example.org",
    "kz": "kz.member@example.org",
    "kg": "kg.member@example.org",
    "tj": "tj.member@example.org",
    "tm": "tm.member@example.org",
    "uz": "uz.member@example.org",
    "af": "af.member@example.org",
}

# category, country, author, title, body, tags, content warning, replies [(author, body)]
MORE_THREADS = [
    (
        "survivor-services",
        "kz",
        "kz",
        "Первичный приём в убежище: какие вопросы задавать в первый день?",
        "Пересматриваем анкету первичного приёма. Сейчас в ней 60 вопросов, и женщины после "
        "тяжёлой ночи просто не в силах на них отвечать.\n\nЧто вы оставляете на **первый день**, а что "
        "переносите на следующую встречу?",
        ["shelter", "intake"],
        "",
        [
            ("tj", "Мы в первый день спрашиваем только о безопасности, здоровье и детях. Остальное — через 2–3 дня."),
            (
                "exp",
                "> только о безопасности, здоровье и детях\n\nСогласна. В руководстве ООН это называется "
                "«минимально необходимый сбор данных». Могу выложить нашу короткую анкету.",
            ),
            ("mem", "@{exp} да, пожалуйста! Нам в Душанбе она тоже очень нужна."),
            ("kg", "Ещё совет: не заставляйте повторять историю нескольким специалистам. Одна беседа, одна запись."),
            ("kz", "Спасибо всем. Сведу ответы и покажу новую анкету здесь через неделю."),
        ],
    ),
    (
        "kazakhstan",
        "kz",
        "kz",
        "Дағдарыс орталықтарына арналған жаңа стандарт талқылауы",
        "Әріптестер, арнаулы әлеуметтік қызметтер стандартының жобасы жарияланды. "
        "Орталықтардың қаржыландыруына қатысты ұсыныстарымызды бірге дайындайық.",
        ["standart", "qarzhylandyru"],
        "",
        [
            ("mod", "Жақсы бастама. Ұсыныстарды жұмаға дейін жинап, бір құжатқа біріктірейік."),
            ("kz", "Келісемін. Мен түнгі кезекшілік пен психолог ставкасы туралы бөлімді жазамын."),
            ("mem", "Мы можем добавить опыт Таджикистана по нормам на одного консультанта, если это полезно."),
        ],
    ),
    (
        "kyrgyzstan",
        "kg",
        "kg",
        "Кыз ала качуу: айылдарда укуктук маалымат берүү тажрыйбасы",
        "Биз Нарын облусунда мектеп бүтүрүүчүлөр менен жолугушуулар өткөрдүк. Кыз ала качуу "
        "кылмыш экенин, жана жардам кайдан алса болорун түшүндүрдүк.\n\nСиздерде кандай "
        "материалдар бар?",
        ["bride-kidnapping", "prevention"],
        "Мажбурлап никелөө жөнүндө",
        [
            ("mod", "Абдан маанилүү иш. Материалдарды китепканага жүктөп койсоңуз болот."),
            ("kg", "Rahmat! I will upload the leaflet in Kyrgyz and Russian this week."),
            ("exp", "Did you see any change in how the boys in the groups talked about it afterwards?"),
            ("kg", "Some did. The strongest effect came when a local imam and a police inspector spoke together."),
        ],
    ),
    (
        "access-to-justice",
        "kg",
        "kg",
        "Bride kidnapping cases: what evidence do prosecutors actually need?",
        "Since the penalties under article 175 were raised, more cases reach court, but many still "
        "collapse when the woman is pressured to say she agreed.\n\nWhat evidence has helped your "
        "lawyers keep a case going?",
        ["bride-kidnapping", "evidence"],
        "Discusses abduction and coercion",
        [
            (
                "mod",
                "Early medical documentation and a statement taken with a lawyer present, before family "
                "members reach her.",
            ),
            ("tj", "Witnesses from the car or the house are often the only thing that survives a retraction."),
            ("exp", "The review in the library has a checklist on page 2: @{kg} it might be worth pinning."),
            ("kg", "Good idea, thank you @{exp}."),
            ("mem", "We see the same pressure in forced marriage cases. Does anyone use video statements?"),
            ("kg", "Courts in Bishkek accept them now, but only if recorded by an investigator."),
        ],
    ),
    (
        "access-to-justice",
        "uz",
        "uz",
        "Himoya orderi: mahalla va militsiya hamkorligi",
        "Samarqandda himoya orderlari ko'proq berilmoqda, lekin ularning bajarilishini kim kuzatadi? "
        "Tajribangiz bilan o'rtoqlashing.",
        ["himoya-orderi", "mahalla"],
        "",
        [
            ("exp", "Toshkentda profilaktika inspektori har hafta ayol bilan bog'lanadi. Bu yordam beradi."),
            ("uz", "Rahmat! Biz ham shunday jadval tuzishga harakat qilamiz."),
            ("tj", "У нас похожая проблема: ордер выдан, а контроль никто не ведёт. Следим за темой."),
        ],
    ),
    (
        "survivor-services",
        "uz",
        "uz",
        "Hotline scripts: ending a call safely when someone else walks in",
        "Our operators agreed on a code phrase for callers who can no longer talk freely. We would "
        "like to compare scripts.\n\n1. How do you agree the phrase?\n2. What does the operator say?\n"
        "3. Do you call back?",
        ["hotlines", "scripts"],
        "",
        [
            (
                "kz",
                "We agree the phrase at the start of every first call: *If you need to hang up, say 'wrong number'.*",
            ),
            ("kg", "We never call back unless the woman has told us a safe time and number."),
            ("af", "In our context a call back can be dangerous. We only use the number she gives each time."),
            ("uz", "> We never call back unless the woman has told us a safe time\n\nThat is our rule too now."),
            ("mem", "@{uz} could you upload the final script? We would translate it into Tajik."),
            ("uz", "Yes, it will be in the library by Friday."),
        ],
    ),
    (
        "tajikistan",
        "tj",
        "tj",
        "Қонуни пешгирии хушунат дар оила: таҷрибаи судҳо",
        "Ҳамкорон, оё касе маълумот дорад, ки дар соли гузашта чанд ордери ҳимоявӣ дода шудааст? "
        "Мо барои ҳисобот рақамҳо ҷамъ мекунем.",
        ["qonun", "ordeni-himoyavi"],
        "",
        [
            ("mem", "Мо аз Вазорати корҳои дохилӣ дархост фиристодем, ҷавоб ҳанӯз нест."),
            ("tj", "Ташаккур, Малика. Агар ҷавоб ояд, лутфан дар ин ҷо нависед."),
            ("mod", "Можно также посмотреть сводку данных в библиотеке, там есть цифры за 2023 год."),
        ],
    ),
    (
        "survivor-services",
        "tj",
        "mem",
        "Case management without burning out: how many cases per worker?",
        "In our centre each psychologist carries 25–30 open cases. That feels far too many.\n\nWhat "
        "caseload do you consider safe, and how do you close a case well?",
        ["case-management", "staff-care"],
        "",
        [
            ("exp", "Most guidance suggests 15–20 active cases for complex GBV case management."),
            ("kz", "We review every case monthly; a case with no contact for 60 days is closed with a letter."),
            ("tj", "Закрытие дела — тоже работа. Мы делаем итоговую встречу и план на будущее."),
            ("kg", "Supervision once a week made the biggest difference for our team."),
            ("mod", "@{mem} there is a thread on night shifts and supervision that might help too."),
        ],
    ),
    (
        "laws-and-policy",
        "regional",
        "exp",
        "Data protection for survivors: what may a centre share with the police?",
        "Several members asked whether they must hand case files to the police on request. The "
        "answer differs by country, but some principles are common:\n\n- share the minimum needed\n"
        "- ask for the request in writing\n- record every disclosure\n\nWhat does the law say where you work?",
        ["data-protection", "confidentiality"],
        "",
        [
            ("kz", "В Казахстане нужен письменный запрос следователя, и мы передаём только то, что указано в нём."),
            ("uz", "In Uzbekistan the hotline keeps no names at all, so there is nothing to hand over."),
            ("tm", "We are a volunteer group and keep only paper notes in a locked box. Is that enough?"),
            ("exp", "@{tm} a locked box is a good start; also agree who holds the key and when notes are destroyed."),
            ("af", "Digital records are a real risk for us. We keep none that carry names."),
            ("adm", "For the Hub itself: members can export and erase their data from the privacy page."),
            ("mem", "Очень полезно, спасибо. Переведу основные пункты для коллег."),
        ],
    ),
    (
        "afghanistan",
        "af",
        "af",
        "پشتیبانی روانی از راه دور برای زنان",
        "همکاران گرامی، ما خدمات مشاوره تلفنی را برای زنان در چند ولایت آغاز کرده‌ایم. "
        "چگونه از امنیت مشاوران و تماس‌گیرندگان محافظت می‌کنید؟",
        ["psychosocial", "safety"],
        "درباره خطرات برای زنان",
        [
            ("mod", "Thank you for sharing. Please remember not to name provinces where it could identify anyone."),
            ("af", "تشکر، حتماً. ما فقط از شماره‌های موقت استفاده می‌کنیم."),
            ("exp", "There is a short guide on remote counselling safety in the library, in English and Dari."),
        ],
    ),
    (
        "afghanistan",
        "af",
        "af",
        "Keeping a women's network connected when offices are closed",
        "Our partners can no longer meet in offices. We use small groups that meet in homes, and "
        "send materials as audio. What else has worked for you?",
        ["networks", "audio"],
        "",
        [
            ("kg", "Short voice messages worked for us in remote villages, where reading is hard."),
            ("exp", "Audio is also easier to delete from a phone than a folder of PDFs."),
            ("af", "Good point, we will add that to our guidance."),
        ],
    ),
    (
        "prevention",
        "kz",
        "kz",
        "16 дней активизма: что планируют ваши организации?",
        "Собираем идеи для кампании «16 дней против насилия». В прошлом году хорошо сработали "
        "встречи в колледжах и эфиры на местном радио.",
        ["16-days", "campaigns"],
        "",
        [
            ("kg", "Бишкек: велопробег и выставка рисунков школьников."),
            ("uz", "Samarqand: radio efirlari va mahallalarda uchrashuvlar."),
            ("tm", "We plan a quiet event: a workshop for young volunteers, without publicity."),
            ("tj", "Душанбе: открытые консультации юристов в трёх районах."),
            ("mod", "Отличные планы! @{adm} может, соберём общий календарь на главной?"),
            ("adm", "Yes, send me the dates by the 20th and I will publish a joint calendar."),
        ],
    ),
    (
        "youth",
        "tm",
        "tm",
        "Talking about healthy relationships with teenagers",
        "We run a small volunteer group for girls aged 14–17. They ask a lot about jealousy and "
        "control in relationships. Which exercises work well for this age?",
        ["youth", "relationships"],
        "",
        [
            (
                "exp",
                "Try scenario cards: short stories where the group decides if a behaviour is caring or controlling.",
            ),
            ("tj", "Мы используем упражнение «светофор»: зелёный, жёлтый и красный сигналы в отношениях."),
            ("kg", "Let the girls write their own scenarios; they know the real situations best."),
            ("tm", "Thank you! We will try the traffic light exercise next week."),
        ],
    ),
    (
        "data-and-research",
        "regional",
        "exp",
        "Administrative data on protection orders: a shared template",
        "To compare countries we need the same fields. I propose a template with eight fields: "
        "date, region, age band, relationship, order type, duration, violations, outcome.\n\nComments?",
        ["data", "protection-orders"],
        "",
        [
            ("mod", "Add the time from application to decision: that is where the differences are."),
            ("uz", "Age bands should match the national surveys, otherwise we cannot compare."),
            ("mem", "Не забудьте про инвалидность: без этого поля мы не видим целую группу женщин."),
            ("exp", "> Не забудьте про инвалидность\n\nAgreed, added. Version 2 is in the library."),
        ],
    ),
    (
        "uzbekistan",
        "uz",
        "uz",
        "Ishonch telefoni operatorlari uchun o'quv kursi",
        "Yangi operatorlar uchun uch kunlik o'quv dasturini tayyorlayapmiz. Qaysi mavzularni "
        "qo'shishni tavsiya qilasiz?",
        ["training", "hotlines"],
        "",
        [
            ("exp", "Xavfni baholash, yo'naltirish va o'z-o'zini asrash mavzularini albatta qo'shing."),
            ("uz", "Rahmat, Nodira opa! Yo'naltirish xaritasini ham ilova qilamiz."),
            ("kz", "Можем поделиться нашим модулем по звонкам от детей, он на русском."),
        ],
    ),
    (
        "general",
        None,
        "mem",
        "Introductions: who is new in the Hub this month?",
        "Welcome to everyone who joined recently! Tell us in a few words who you are and what you "
        "work on. I am a psychologist in Dushanbe, working with survivors of domestic violence.",
        ["introductions"],
        "",
        [
            ("tm", "Hello from Ashgabat! I coordinate young volunteers."),
            ("uz", "Salom! Hotline supervisor from Samarkand."),
            ("kg", "Саламатсыздарбы! Юрист кризисного центра в Бишкеке."),
            ("kz", "Сәлеметсіздер ме! Социальный работник из Алматы."),
            ("af", "سلام! Programme officer with a partner network."),
            ("mod", "Welcome all. Please read the community guidelines, and ask me anything."),
        ],
    ),
    (
        "laws-and-policy",
        "kg",
        "kg",
        "Закон об охране и защите от семейного насилия: поправки 2025 года",
        "Обсуждаем проект поправок. Главное: охранный ордер на 30 дней вместо 15 и обязательная "
        "коррекционная программа для обидчиков.\n\nКакие у вас замечания?",
        ["zakon", "popravki"],
        "",
        [
            ("mod", "Поддерживаем продление срока. Важно, чтобы ордер продлевался без повторного заявления."),
            ("kz", "В Казахстане коррекционные программы есть, но их качество очень разное."),
            ("exp", "Ask for an evaluation clause: the programmes should be reviewed after two years."),
            ("kg", "Спасибо, включим оба пункта в письмо в Жогорку Кенеш."),
        ],
    ),
    (
        "survivor-services",
        "regional",
        "exp",
        "Referral pathways: who do you call first?",
        "When a woman arrives at night with injuries, who does your team call first: the hospital, "
        "the police, or the shelter? Share your referral pathway and where it breaks.",
        ["referral", "coordination"],
        "",
        [
            ("kz", "Hospital first, always. Police only if she agrees, unless a child is at risk."),
            ("tj", "У нас сначала убежище, потому что в больнице её могут найти родственники."),
            ("uz", "Mahalla is often called first by neighbours, which is not always safe."),
            ("kg", "Our pathway breaks at weekends: the forensic doctor does not work."),
            ("mem", "@{kg} same in Dushanbe. Have you found a solution?"),
            ("kg", "A duty forensic doctor on call, agreed with the city health department. Took a year."),
            ("exp", "This thread is turning into a good-practice note. May I summarise it for the library?"),
        ],
    ),
    (
        "prevention",
        "tj",
        "tj",
        "Работа с религиозными лидерами в профилактике насилия",
        "В нескольких джамоатах имамы согласились говорить о недопустимости насилия в семье на "
        "пятничной проповеди. Кто ещё так работает?",
        ["religious-leaders", "community"],
        "",
        [
            ("kg", "Да, в Оше работаем с кази-управлением. Главное — готовые тексты, согласованные заранее."),
            ("uz", "O'zbekistonda ham imomlar bilan seminarlar o'tkazganmiz."),
            ("exp", "There is good evidence for this in the RESPECT framework under community mobilisation."),
        ],
    ),
    (
        "data-and-research",
        "kz",
        "mod",
        "Survey of member organisations: first results",
        "Thank you to the 41 organisations that answered. Three findings:\n\n1. 70% have no "
        "stable funding for more than a year\n2. Most hotlines close at night\n3. Almost no "
        "services for women with disabilities\n\nFull results are in the library.",
        ["survey", "members"],
        "",
        [
            ("exp", "The disability gap matches our research in Uzbekistan."),
            ("kz", "Можно ли получить данные по Казахстану отдельно?"),
            ("mod", "@{kz} yes, I will send them in chat."),
        ],
    ),
    (
        "survivor-services",
        "kg",
        "kg",
        "Supporting women after a kidnapping: first 72 hours",
        "When a young woman escapes after a kidnapping, her own family sometimes pushes her to go "
        "back. What support do you offer in the first three days?",
        ["bride-kidnapping", "crisis-support"],
        "Describes abduction and family pressure",
        [
            ("tj", "A safe place away from both families, and a lawyer who explains her rights."),
            ("mod", "A psychologist who does not judge her decision, whatever she decides."),
            ("kg", "> whatever she decides\n\nThis is the hardest part for our staff."),
            ("exp", "Supervision for staff matters here; they carry a lot after such cases."),
        ],
    ),
    (
        "uzbekistan",
        "uz",
        "exp",
        "Зўравонликдан жабрланган аёлларга ҳуқуқий ёрдам",
        "Ҳамкасблар, вилоятларда бепул ҳуқуқий ёрдам қандай ташкил этилган? Тажрибаларингиз билан ўртоқлашинг.",
        ["legal-aid"],
        "",
        [
            ("uz", "Самарқандда ҳафтада икки марта юрист қабул қилади."),
            ("mem", "В Душанбе бесплатные консультации юристов по субботам."),
            ("exp", "Раҳмат! Маълумотларни умумий жадвалга киритаман."),
        ],
    ),
    (
        "alliance-coordination",
        None,
        "adm",
        "Hub update: translations and email summaries",
        "Two changes this month: members can now translate posts and resources for each other, "
        "and you can choose a daily or weekly email summary on your notification settings page.",
        ["hub-updates"],
        "",
        [
            ("mod", "Thank you! The daily summary is much calmer than an email per reply."),
            ("kz", "Переводы — отличная идея. Многие коллеги не читают по-английски."),
        ],
    ),
    (
        "turkmenistan",
        "tm",
        "tm",
        "Working quietly: safety for volunteer groups",
        "Our group works without registration. How do others keep volunteers safe and still reach women who need help?",
        ["volunteers", "safety"],
        "",
        [
            ("mod", "Please do not post names or places here. Chat is fine for details."),
            ("exp", "Focus on health framing: many groups talk about family wellbeing rather than violence."),
            ("tm", "Thank you, this helps. We will keep details in chat."),
        ],
    ),
    (
        "youth",
        "kz",
        "kz",
        "Студенты-волонтёры на горячей линии: за и против",
        "Университет предлагает нам студентов-психологов в качестве волонтёров. Стоит ли "
        "допускать их к звонкам, и какое обучение нужно?",
        ["volunteers", "students"],
        "",
        [
            ("uz", "Faqat 40 soatlik o'qishdan keyin va supervizor bilan."),
            ("kg", "Мы начинаем с чатов, звонки — только через три месяца."),
            ("mem", "Обязательно договор о конфиденциальности и супервизия."),
            ("kz", "Спасибо! Значит, сначала чаты и обучение."),
        ],
    ),
    (
        "prevention",
        "regional",
        "mod",
        "Technology-facilitated abuse: stalkerware on shared phones",
        "More women tell us their husband reads their messages. Often it is not spyware but a "
        "shared account. What quick checks do you teach?",
        ["tfgbv", "digital-safety"],
        "",
        [
            ("exp", "Check which devices are signed in to the account, and change the password from a safe phone."),
            ("af", "Many women share one phone with the whole family; safety advice must fit that."),
            ("uz", "Bizda oddiy varaqa bor: besh qadamda telefonni tekshirish."),
            ("mem", "@{uz} можно его в библиотеку? Переведём на таджикский."),
            ("uz", "Albatta, this week."),
        ],
    ),
]

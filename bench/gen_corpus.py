#!/usr/bin/env python3
"""Generates a realistic, reproducible corpus of support conversations for the
benchmark: JSON Lines in the input format of the contract (§1).

    bench/gen_corpus.py --replies 100000 --seed 1 -o build/bench/100k.jsonl

The same seed and size give the same bytes (Python's random.Random is stable
across 3.x versions for the calls used here). Nothing here is committed data:
write the output to a build or temporary directory.

What it makes, and at roughly which rates (the bench prints the rates the
rules actually report, so a reader can judge them):
  - Russian (70%) and English conversations on chat, email, social and phone,
    one to four agent replies each; 700 agents in 24 teams.
  - Chat replies of 1-6 sentences (log-normal), some long enough for a phone
    screen to overflow; email replies with a greeting, paragraphs, a closing
    and a signature, sometimes the quoted earlier mail below.
  - Customers with given names in short or full form (Саша, Александра), the
    names declined in the agents' text (Саше, Марину), gendered verb forms
    («я оформила»), a few suspicious "names" (Админ, test, 12345).
  - The problems the rules look for: the wrong form of the name, another
    name, the wrong gender, no-reply senders, team-only signatures, unfilled
    placeholders, several customer questions with one left unanswered, a new
    agent who does not introduce themself, a split chat answer without notice,
    bureaucratic stock phrases, replies made only of stock text, the same
    macro sent to different customers, and typos.
"""

import argparse
import json
import math
import random
import sys

# ---- people ---------------------------------------------------------------

# (given form as the customer writes it, gender, other forms of the same name,
#  dative, accusative, instrumental) — the cases are used in non-address
# positions («передал Саше»), which the declension code must see through.
RU_CUSTOMERS = [
    ("Саша", "x", ["Александр", "Александра", "Шура"], "Саше", "Сашу", "Сашей"),
    ("Женя", "x", ["Евгений", "Евгения"], "Жене", "Женю", "Женей"),
    ("Слава", "m", ["Вячеслав"], "Славе", "Славу", "Славой"),
    ("Настя", "f", ["Анастасия"], "Насте", "Настю", "Настей"),
    ("Дима", "m", ["Дмитрий"], "Диме", "Диму", "Димой"),
    ("Маша", "f", ["Мария"], "Маше", "Машу", "Машей"),
    ("Катя", "f", ["Екатерина"], "Кате", "Катю", "Катей"),
    ("Лена", "f", ["Елена"], "Лене", "Лену", "Леной"),
    ("Оля", "f", ["Ольга"], "Оле", "Олю", "Олей"),
    ("Серёжа", "m", ["Сергей"], "Серёже", "Серёжу", "Серёжей"),
    ("Миша", "m", ["Михаил"], "Мише", "Мишу", "Мишей"),
    ("Таня", "f", ["Татьяна"], "Тане", "Таню", "Таней"),
    ("Марина", "f", ["Мариночка"], "Марине", "Марину", "Мариной"),
    ("Ольга", "f", ["Оля"], "Ольге", "Ольгу", "Ольгой"),
    ("Вадим", "m", ["Вадик"], "Вадиму", "Вадима", "Вадимом"),
    ("Ирина", "f", ["Ира"], "Ирине", "Ирину", "Ириной"),
    ("Олег", "m", [], "Олегу", "Олега", "Олегом"),
    ("Светлана", "f", ["Света"], "Светлане", "Светлану", "Светланой"),
    ("Андрей", "m", ["Андрюша"], "Андрею", "Андрея", "Андреем"),
    ("Наталья", "f", ["Наташа"], "Наталье", "Наталью", "Натальей"),
    ("Игорь", "m", [], "Игорю", "Игоря", "Игорем"),
    ("Юлия", "f", ["Юля"], "Юлии", "Юлию", "Юлией"),
    ("Александр", "m", ["Саша"], "Александру", "Александра", "Александром"),
    ("Екатерина", "f", ["Катя"], "Екатерине", "Екатерину", "Екатериной"),
    ("Павел", "m", ["Паша"], "Павлу", "Павла", "Павлом"),
    ("Анна", "f", ["Аня"], "Анне", "Анну", "Анной"),
    ("Роман", "m", ["Рома"], "Роману", "Романа", "Романом"),
    ("Ксения", "f", ["Ксюша"], "Ксении", "Ксению", "Ксенией"),
    ("Никита", "m", [], "Никите", "Никиту", "Никитой"),
    ("Полина", "f", ["Поля"], "Полине", "Полину", "Полиной"),
]
RU_OTHER_NAMES = ["Александр", "Вадим", "Сергей", "Ольга", "Марина", "Дмитрий", "Елена", "Игорь", "Юлия", "Константин"]

EN_CUSTOMERS = [
    ("Bob", "m", ["Robert"]), ("Liz", "f", ["Elizabeth"]), ("Kate", "f", ["Katherine"]),
    ("Mike", "m", ["Michael"]), ("Jim", "m", ["James"]), ("Tom", "m", ["Thomas"]),
    ("Emma", "f", []), ("Olivia", "f", []), ("Daniel", "m", ["Dan"]), ("Sarah", "f", []),
    ("Chris", "x", ["Christopher"]), ("Alex", "x", ["Alexander"]), ("Jessica", "f", ["Jess"]),
    ("Andrew", "m", ["Andy"]), ("Laura", "f", []), ("Peter", "m", ["Pete"]), ("Anna", "f", []),
    ("David", "m", ["Dave"]), ("Rachel", "f", []), ("William", "m", ["Bill"]),
]
EN_OTHER_NAMES = ["John", "Mary", "Steven", "Karen", "Paul", "Linda", "George", "Helen"]

SUSPICIOUS = ["Мой господин", "Админ", "test", "12345", "qwerty", "Клиент", "Admin", "asdf"]

RU_AGENT_FIRST = [("Ирина", "f"), ("Анна", "f"), ("Мария", "f"), ("Ольга", "f"), ("Екатерина", "f"), ("Дарья", "f"),
                  ("Алина", "f"), ("Виктория", "f"), ("Иван", "m"), ("Алексей", "m"), ("Дмитрий", "m"),
                  ("Максим", "m"), ("Артём", "m"), ("Кирилл", "m"), ("Сергей", "m"), ("Егор", "m")]
RU_SURNAMES = [("Соколов", "Соколова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
               ("Васильев", "Васильева"), ("Петров", "Петрова"), ("Новиков", "Новикова"), ("Морозов", "Морозова"),
               ("Волков", "Волкова"), ("Лебедев", "Лебедева"), ("Козлов", "Козлова"), ("Орлов", "Орлова")]
EN_AGENT_FIRST = ["Dana", "Liam", "Noah", "Mia", "Ella", "Jack", "Grace", "Ryan", "Chloe", "Owen", "Ruby", "Adam"]
EN_SURNAMES = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walker", "Wright", "Hughes"]

TEAMS = ["L1-Chat", "L1-Mail", "L2-Net", "L2-Billing", "Delivery", "Returns", "VIP", "Social", "Night", "Payments",
         "Mobile", "Shop", "Cards", "Loans", "Insurance", "Travel", "Tickets", "Hardware", "Accounts", "Retention",
         "Onboarding", "B2B", "Partners", "QA-Pilot"]

# ---- topics ---------------------------------------------------------------
# Each topic: customer complaint sentences, questions with an answer that
# echoes them (so a question counts as answered), and extra answer sentences.
# {n} is an order or ticket number, {d} a date, {s} a sum.

RU_TOPICS = [
    {
        "complaint": ["Заказ {n} до сих пор не доставлен, хотя обещали вчера.", "Я оформила заказ {n} неделю назад, а его всё нет.",
                      "Курьер не приехал, я весь день прождал дома.", "Посылка {n} застряла на складе уже третий день."],
        "qa": [("Когда придёт заказ {n}?", "Заказ {n} придёт {d}, курьер позвонит за час до приезда."),
               ("Можно ли оплатить при получении?", "Оплатить при получении можно картой или наличными."),
               ("Курьер позвонит заранее?", "Курьер позвонит заранее, примерно за час."),
               ("Можно перенести доставку на выходные?", "Доставку на выходные перенести можно, я уже поменял{a} дату на субботу.")],
        "answer": ["Я проверил{a} заказ {n}: он на складе в Подольске, сегодня его передадут курьеру.",
                   "Курьерская служба подтвердила доставку {d} с 10 до 14 часов.",
                   "За задержку начислили вам {s} баллов на следующий заказ.",
                   "Трек-номер для отслеживания пришлём в СМС, как только посылка выедет со склада."],
    },
    {
        "complaint": ["С карты списали {s} рублей дважды за одну покупку.", "Мне не вернули деньги за возврат {n}.",
                      "Я отправила товар обратно две недели назад, деньги так и не пришли.", "Почему-то списали абонентскую плату раньше срока."],
        "qa": [("Почему списали {s} рублей дважды?", "Второе списание {s} рублей — это блокировка банка, она снимется автоматически."),
               ("Когда вернутся деньги?", "Деньги вернутся на карту до {d}, обычно банк зачисляет за 3–5 рабочих дней."),
               ("Нужно ли писать заявление на возврат?", "Заявление на возврат писать не нужно, мы оформили его сами."),
               ("Можно вернуть деньги на другую карту?", "Вернуть деньги на другую карту нельзя: возврат уходит только на карту оплаты.")],
        "answer": ["Я проверил{a} платёж по заказу {n}: возврат оформлен {d}.",
                   "Номер операции возврата — {n}, по нему банк найдёт платёж.",
                   "Если к {d} деньги не придут, напишите мне, я запрошу подтверждение у банка.",
                   "Списание за подписку отменили, сумма {s} рублей вернётся вместе с возвратом."],
    },
    {
        "complaint": ["Не могу войти в личный кабинет, пишет «неверный пароль».", "Приложение вылетает при оплате.",
                      "Не приходит код подтверждения по СМС.", "После обновления пропала история заказов."],
        "qa": [("Как восстановить доступ к кабинету?", "Доступ к кабинету восстановить просто: нажмите «Забыли пароль» и введите телефон."),
               ("Почему не приходит код?", "Код не приходил из-за сбоя у оператора связи, сейчас СМС уходят нормально."),
               ("Мои данные не пропали?", "Ваши данные не пропали: история заказов хранится на сервере, после входа она появится."),
               ("Можно ли войти через почту?", "Войти через почту можно: на экране входа выберите «По e-mail».")],
        "answer": ["Я сбросил{a} пароль, ссылка для входа ушла на вашу почту.",
                   "Версия приложения 5.12 исправляет вылет при оплате, обновите его в магазине приложений.",
                   "Проверил{a} журнал входов: последний вход был {d}, подозрительных входов нет.",
                   "Если ошибка повторится, пришлите, пожалуйста, скриншот экрана."],
    },
    {
        "complaint": ["С утра не работает интернет, роутер мигает красным.", "Очень медленная скорость по вечерам.",
                      "Пропало телевидение на всех каналах.", "Постоянно обрывается связь по Wi-Fi."],
        "qa": [("Почему не работает интернет?", "Интернет не работал из-за аварии на линии, бригада её уже устранила."),
               ("Будет ли перерасчёт за эти дни?", "Перерасчёт за эти дни будет: {s} рублей вернутся на лицевой счёт."),
               ("Нужно ли перезагружать роутер?", "Перезагрузить роутер стоит: выключите его на минуту и включите снова."),
               ("Когда приедет мастер?", "Мастер приедет {d} с 12 до 15, он позвонит перед выездом.")],
        "answer": ["На вашем адресе проводились работы, сейчас линия восстановлена.",
                   "Я открыл{a} заявку {n} на проверку линии, инженер проверит её сегодня.",
                   "Тариф позволяет скорость до 500 Мбит/с, вечером она может снижаться из-за загрузки Wi-Fi.",
                   "Попробуйте подключить компьютер кабелем, чтобы проверить скорость без Wi-Fi."],
    },
]

RU_TOPICS += [
    {
        "complaint": ["В роуминге не работает мобильный интернет, хотя пакет подключён.", "Со счёта списали {s} рублей за услугу, которую я не подключал.",
                      "Не могу перенести номер от другого оператора уже вторую неделю.", "Пропала связь в квартире после смены тарифа."],
        "qa": [("Почему в роуминге нет интернета?", "Интернет в роуминге не работал, потому что в настройках телефона был выключен роуминг данных."),
               ("За что списали {s} рублей?", "{s} рублей списали за подписку «Музыка», я её отключил{a} и вернул{a} деньги."),
               ("Когда перенесут номер?", "Номер перенесут {d}, в 3 часа ночи придёт СМС о переходе."),
               ("Можно вернуть старый тариф?", "Вернуть старый тариф можно: я уже оформил{a} переход, он начнёт действовать завтра.")],
        "answer": ["Я проверил{a} настройки: пакет «Путешествия» активен до {d}.",
                   "Включите, пожалуйста, «Роуминг данных» в настройках и перезагрузите телефон.",
                   "Заявка на перенос номера {n} одобрена, новая сим-карта уже работает.",
                   "Базовая станция рядом с вашим домом на обслуживании, связь восстановят к вечеру.",
                   "Детализацию расходов за месяц отправил{a} на вашу почту."],
    },
    {
        "complaint": ["Карту заблокировали без объяснения причин.", "Перевод {s} рублей другу завис и не дошёл.",
                      "Банкомат на Тверской проглотил карту.", "Не начислили кешбэк за покупки в сентябре."],
        "qa": [("Почему заблокировали карту?", "Карту заблокировали из-за подозрительной операции, после проверки блокировку сняли."),
               ("Где мой перевод?", "Ваш перевод {s} рублей дошёл до получателя {d}, он был на проверке у банка."),
               ("Как вернуть карту из банкомата?", "Карту из банкомата вернут в отделение на Тверской через 3 рабочих дня."),
               ("Когда начислят кешбэк?", "Кешбэк начислят до {d}: за сентябрь это {s} бонусных рублей.")],
        "answer": ["Я проверил{a} операции по карте за последнюю неделю, посторонних списаний нет.",
                   "Новую карту можно заказать в приложении, выпуск бесплатный.",
                   "Лимит на переводы без комиссии — 100 000 рублей в месяц.",
                   "Заявка {n} передана в отдел карт, ответ придёт в СМС.",
                   "Чтобы такое не повторилось, включите уведомления об операциях в приложении."],
    },
]
RU_STEPS = ["Откройте приложение и нажмите «Профиль».", "Выберите раздел «Настройки».", "Нажмите «Безопасность».",
            "Введите код из СМС.", "Подтвердите номер телефона.", "Перезагрузите телефон.", "Проверьте, что роутер включён.",
            "Отключите VPN, если он включён.", "Очистите кэш браузера.", "Войдите заново с новым паролем.",
            "Сохраните изменения.", "Сфотографируйте экран с ошибкой.", "Пришлите фото в этот чат."]
EN_STEPS = ["Open the app and tap Profile.", "Choose Settings.", "Tap Security.", "Enter the code from the text message.",
            "Confirm your phone number.", "Restart your phone.", "Check that the router is on.", "Turn off any VPN.",
            "Clear the browser cache.", "Sign in again with the new password.", "Save the changes.",
            "Take a screenshot of the error.", "Send it to this chat."]

EN_TOPICS = [
    {
        "complaint": ["My order {n} still hasn't arrived and it was due yesterday.", "The courier never showed up.",
                      "Parcel {n} has been stuck at the depot for three days."],
        "qa": [("When will order {n} arrive?", "Order {n} will arrive on {d}; the courier will call an hour before."),
               ("Can I pay on delivery?", "Yes, you can pay on delivery by card or cash."),
               ("Can the delivery be moved to Saturday?", "I've moved the delivery to Saturday, between 10 and 2.")],
        "answer": ["I checked order {n}: it left our warehouse this morning.", "The carrier confirmed delivery on {d}.",
                   "I've added a {s} credit to your account for the delay.", "You'll get a tracking link by text once it's on the van."],
    },
    {
        "complaint": ["I was charged {s} twice for the same purchase.", "My refund for return {n} never came through.",
                      "I sent the item back two weeks ago and still have no money."],
        "qa": [("Why was I charged {s} twice?", "The second {s} charge is a pending hold and your bank will release it."),
               ("When will I get my refund?", "Your refund will reach your card by {d}; banks take 3-5 working days."),
               ("Do I need to fill in a refund form?", "You don't need a refund form, I've raised the refund for you.")],
        "answer": ["I've checked the payment for order {n}: the refund was issued on {d}.", "The refund reference is {n}.",
                   "If it hasn't arrived by {d}, reply here and I'll chase the bank.",
                   "I've cancelled the subscription charge too, so {s} comes back with the refund."],
    },
    {
        "complaint": ["I can't log in to my account, it says the password is wrong.", "The app crashes at checkout.",
                      "The verification code never arrives."],
        "qa": [("How do I get back into my account?", "To get back into your account, tap Forgot password and enter your phone number."),
               ("Why doesn't the code arrive?", "The code didn't arrive because of an outage at the SMS provider; it's fixed now."),
               ("Is my order history lost?", "Your order history isn't lost: it's stored on our side and shows up after you log in.")],
        "answer": ["I've reset your password and sent a sign-in link to your email.",
                   "Version 5.12 of the app fixes the checkout crash, please update it.",
                   "I checked the sign-in log: the last login was on {d} and nothing looks suspicious.",
                   "If it happens again, please send us a screenshot."],
    },
]

EN_TOPICS.append({
    "complaint": ["I was billed {s} after I cancelled my subscription.", "My plan renewed without any reminder.",
                  "I can't find where to download my invoices."],
    "qa": [("Why was I billed {s} after cancelling?", "The {s} bill covered the month before you cancelled; I've refunded it anyway."),
           ("Can I get a reminder before renewal?", "You can get a reminder before renewal: switch on Billing alerts in Settings."),
           ("Where are my invoices?", "Your invoices are under Account > Billing > Invoices, as PDFs.")],
    "answer": ["I've confirmed the cancellation, so nothing more will be charged.", "Your refund reference is {n}.",
               "I've emailed you the invoices for the last twelve months.",
               "Annual plans renew on the anniversary date, {d} for your account."],
})

RU_GREET_CHAT = ["Здравствуйте, {name}!", "{name}, добрый день!", "Добрый вечер, {name}!", "{name}, здравствуйте!",
                 "Здравствуйте!", "Добрый день!"]
RU_GREET_MAIL = ["Здравствуйте, {name}!", "Добрый день, {name}!", "Уважаем{ending} {name}!", "Здравствуйте!"]
EN_GREET_CHAT = ["Hi {name},", "Hello {name}!", "Hi {name}!", "Hi there!", "Thanks, {name}."]
EN_GREET_MAIL = ["Dear {name},", "Hello {name},", "Hi {name},", "Dear {title} {surname},", "Hello,"]

RU_STOCK = ["Ваше обращение очень важно для нас.", "Приносим извинения за доставленные неудобства.",
            "Благодарим вас за обращение.", "Спасибо за ваше терпение и понимание.",
            "Ваша заявка зарегистрирована и будет рассмотрена в установленные сроки.",
            "Мы свяжемся с вами в ближайшее время.", "Информация передана в соответствующий отдел.",
            "Надеемся на дальнейшее сотрудничество."]
EN_STOCK = ["We apologize for any inconvenience.", "Your call is important to us.", "Thank you for your patience.",
            "Your request has been forwarded to the relevant department.", "We will get back to you as soon as possible.",
            "We value your feedback."]
RU_COURTESY = ["Спасибо, что написали.", "Хорошего дня!", "Если будут вопросы, пишите.", "Рад был помочь!"]
EN_COURTESY = ["Thanks for reaching out.", "Have a great day!", "Let me know if there's anything else.", "Happy to help!"]
RU_SPLIT_NOTICE = ["Сейчас допишу.", "Продолжение ниже:", "Минутку, ещё пару слов:", "(1/2)"]
EN_SPLIT_NOTICE = ["One sec, more below.", "(1/2)", "Continued below:", "More in a moment:"]
RU_INTRO = ["Меня зовут {agent}, я подключилась к вашему обращению и буду с вами до конца.",
            "Это {agent}, я продолжу вместо коллеги.", "Меня зовут {agent}, теперь вашим вопросом занимаюсь я."]
EN_INTRO = ["I'm {agent} and I'll be taking over from my colleague.", "This is {agent}, I'll help you from here."]
RU_NOREPLY_TEXT = ["Письмо сформировано автоматически, не отвечайте на него.", "Пожалуйста, не отвечайте на это письмо."]
EN_NOREPLY_TEXT = ["Please do not reply to this email.", "This mailbox is not monitored."]
PLACEHOLDERS = ["{{ name }}", "[ИМЯ]", "%NAME%", "{{ticket.requester.first_name}}", "<номер заказа>", "[NAME]",
                "#{ticket.customer.firstname}"]
RU_FEMALE_SELF = ["Я оформила заказ на прошлой неделе.", "Я уже отправила вам фото.", "Я готова подождать, но недолго."]
RU_MALE_SELF = ["Я оформил заказ на прошлой неделе.", "Я уже отправил вам фото.", "Я готов подождать, но недолго."]

MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщыэюя"
EN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        r = self.r
        self.agents = []
        for k in range(700):
            if k % 10 < 7:
                first, g = r.choice(RU_AGENT_FIRST)
                m, f = r.choice(RU_SURNAMES)
                name = f"{first} {f if g == 'f' else m}"
                lang = "ru"
                gender = g
            else:
                name = f"{r.choice(EN_AGENT_FIRST)} {r.choice(EN_SURNAMES)}"
                lang = "en"
                gender = "x"
            aid = f"agent{k:03d}"
            self.agents.append({"name": name, "id": aid, "team": TEAMS[k % len(TEAMS)], "lang": lang, "gender": gender,
                                "macro": None})
        self.by_lang = {"ru": [a for a in self.agents if a["lang"] == "ru"],
                        "en": [a for a in self.agents if a["lang"] == "en"]}
        self.case = {}
        self.clock = 1_790_000_000  # 2026-09-21, seconds since the epoch

    # -- small helpers --
    def p(self, share):
        return self.r.random() < share

    def new_case(self, lang):
        """The order number, date and sum one conversation is about."""
        r = self.r
        n = f"{r.choice(['', 'ZK-', 'A', '#'])}{r.randint(10000, 99999999)}"
        if lang == "ru":
            d = f"{r.randint(1, 28)} {r.choice(MONTHS_RU)}"
            sm = f"{r.randint(1, 99) * 10 + 90}"
        else:
            d = f"{r.choice(MONTHS_EN)} {r.randint(1, 28)}"
            sm = f"£{r.randint(5, 400)}.{r.randint(0, 99):02d}"
        self.case = {"{n}": n, "{d}": d, "{s}": sm}

    def fill(self, s, lang, agent=None):
        for k, v in self.case.items():
            s = s.replace(k, v)
        # The agent's own past tense: «я проверил{a}» — «проверила» for a woman.
        return s.replace("{a}", "а" if agent and agent.get("gender") == "f" else "")

    def typo(self, text, lang):
        """One realistic typo in a longer word: a swap, a dropped or doubled letter."""
        words = text.split(" ")
        letters = RU_LETTERS if lang == "ru" else EN_LETTERS
        cands = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha() and w.islower()]
        if not cands:
            return text
        i = self.r.choice(cands)
        w = words[i]
        k = self.r.randint(1, len(w) - 3)
        kind = self.r.randint(0, 3)
        if kind == 0:
            w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
        elif kind == 1:
            w = w[:k] + w[k + 1:]
        elif kind == 2:
            w = w[:k] + w[k] + w[k:]
        else:
            w = w[:k] + self.r.choice(letters) + w[k + 1:]
        words[i] = w
        return " ".join(words)

    def at(self):
        self.clock += self.r.randint(20, 900)
        t = self.clock
        days = t // 86400
        # Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        z = days + 719468
        era = z // 146097
        doe = z - era * 146097
        yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
        y = yoe + era * 400
        doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
        mp = (5 * doy + 2) // 153
        d = doy - (153 * mp + 2) // 5 + 1
        m = mp + 3 if mp < 10 else mp - 9
        y += m <= 2
        s = t % 86400
        return f"{y:04d}-{m:02d}-{d:02d}T{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}Z"

    def sentences(self, mean):
        """How many sentences: log-normal around `mean`, at least 1."""
        return max(1, int(round(self.r.lognormvariate(math.log(mean), 0.55))))

    # -- one conversation --
    def conversation(self, idx, max_replies):
        r = self.r
        lang = "ru" if self.p(0.7) else "en"
        channel = r.choices(["chat", "email", "social", "phone"], [55, 35, 5, 5])[0]
        agent = r.choice(self.by_lang[lang])
        conv = {"id": f"{'T' if channel == 'email' else 'C'}-{idx:07d}", "channel": channel, "lang": lang,
                "team": agent["team"]}
        # The customer.
        if lang == "ru":
            given, gender, others, dat, acc, ins = r.choice(RU_CUSTOMERS)
        else:
            given, gender, others = r.choice(EN_CUSTOMERS)
            dat = acc = ins = given
        if gender == "x":
            gender = r.choice("mf")
        suspicious = self.p(0.01)
        if suspicious:
            given = r.choice(SUSPICIOUS)
        name_field = given if self.p(0.8) else None
        customer = {}
        if name_field:
            customer["name"] = name_field
        if channel == "email" or self.p(0.3):
            customer["email"] = f"client{idx}@example.{'ru' if lang == 'ru' else 'com'}"
        if customer:
            conv["customer"] = customer
        topic = r.choice(RU_TOPICS if lang == "ru" else EN_TOPICS)
        self.new_case(lang)
        messages = []
        n_replies = min(max_replies, r.choices([1, 2, 3, 4], [45, 30, 15, 10])[0])
        current = agent
        replies = 0
        asked_before = False
        while replies < n_replies:
            # The customer writes: a complaint, maybe their gender, one to three questions.
            parts = []
            if not messages and lang == "ru" and self.p(0.3):
                parts.append(r.choice(RU_FEMALE_SELF if gender == "f" else RU_MALE_SELF))
            parts.append(self.fill(r.choice(topic["complaint"]), lang))
            nq = r.choices([0, 1, 2, 3], [25, 45, 22, 8])[0]
            qa = r.sample(topic["qa"], min(nq, len(topic["qa"])))
            qa = [(self.fill(q, lang), self.fill(a, lang, current)) for q, a in qa]
            if len(qa) >= 2 and self.p(0.4):
                parts.append("\n".join(f"{k + 1}. {q}" for k, (q, _) in enumerate(qa)))
            else:
                parts.extend(q for q, _ in qa)
            if not messages and name_field and self.p(0.2) and not suspicious:
                parts.append(f"{'Меня зовут' if lang == 'ru' else 'My name is'} {given}.")
            messages.append({"role": "customer", "text": " ".join(parts), "at": self.at()})
            # Now and then another agent takes the conversation over.
            handoff = replies > 0 and self.p(0.25)
            if handoff:
                if self.p(0.5):
                    messages.append({"role": "system", "text": "Чат передан другому оператору" if lang == "ru"
                                     else "Chat transferred to another agent", "at": self.at()})
                current = r.choice(self.by_lang[lang])
            texts = self.reply(lang, channel, current, given, gender, others, dat, acc, ins, qa, topic,
                               handoff, suspicious, asked_before)
            asked_before = True
            for text in texts:
                m = {"role": "agent", "author": current["name"], "agent_id": current["id"], "text": text,
                     "at": self.at()}
                if channel == "email":
                    m["from"] = "noreply@shop.example" if self.p(0.03) else "support@shop.example"
                    if m["from"].startswith("noreply") and self.p(0.3):
                        m["reply_to"] = "support@shop.example"
                    if self.p(0.2):
                        m["template"] = r.choice(["delivery-delay", "refund", "password-reset", "outage"])
                messages.append(m)
                replies += 1
            if replies < n_replies and channel == "chat" and self.p(0.3):
                messages.append({"role": "customer", "text": r.choice(
                    ["Спасибо!", "Понятно.", "А можно побыстрее?", "Хорошо, жду."] if lang == "ru" else
                    ["Thanks!", "OK.", "Can it be sooner?", "Fine, I'll wait."]), "at": self.at()})
        conv["messages"] = messages
        return conv, replies

    def reply(self, lang, channel, agent, given, gender, others, dat, acc, ins, qa, topic, handoff, suspicious,
              asked_before):
        """The agent's answer: one text, or two for a split chat answer."""
        r = self.r
        ru = lang == "ru"
        # Which name the agent uses.
        name = given
        roll = r.random()
        if roll < 0.025 and others:
            name = r.choice(others)                                   # name-form
        elif roll < 0.035:
            name = r.choice(RU_OTHER_NAMES if ru else EN_OTHER_NAMES)  # wrong-name
        use_name = self.p(0.75) and (not suspicious or self.p(0.5))
        body = []
        # The agent answers most questions; sometimes one is left out.
        answers = [a for _, a in qa]
        if len(answers) >= 2 and self.p(0.12):
            answers.pop(r.randrange(len(answers)))
        stock_only = self.p(0.03)
        if stock_only:
            body = r.sample(RU_STOCK if ru else EN_STOCK, 2) + [r.choice(RU_COURTESY if ru else EN_COURTESY)]
        else:
            body.extend(answers)
            extra = min(len(topic["answer"]), self.sentences(2.2 if channel != "email" else 4.0))
            body.extend(self.fill(s, lang, agent) for s in r.sample(topic["answer"], extra))
            if self.p(0.12):
                body.insert(r.randrange(len(body) + 1), r.choice(RU_STOCK if ru else EN_STOCK))
            if ru and self.p(0.15):
                body.append(self.fill(r.choice([f"Я передал{{a}} ваш вопрос коллеге, она напишет {dat} сегодня.",
                                      f"Мы уже позвонили по номеру, который указала {given}." if gender == "f" else
                                      f"Курьер свяжется с клиентом по имени {given} напрямую.",
                                      f"Благодарим {acc} за терпение.",
                                      f"Мы гордимся {ins} как постоянным клиентом."]), lang, agent))
            if self.p(0.2):
                body.append(r.choice(RU_COURTESY if ru else EN_COURTESY))
        if self.p(0.008):
            body.insert(r.randrange(len(body) + 1),
                        f"{'Ваш номер заказа' if ru else 'Your order number is'} {r.choice(PLACEHOLDERS)}.")
        if self.p(0.12):
            k = r.randrange(len(body))
            body[k] = self.typo(body[k], lang)
        # The opening.
        if channel == "email":
            greet = r.choice(RU_GREET_MAIL if ru else EN_GREET_MAIL)
        else:
            greet = r.choice(RU_GREET_CHAT if ru else EN_GREET_CHAT)
        if not use_name or (asked_before and channel != "email" and self.p(0.6)):
            greet = "Здравствуйте!" if ru else "Hello,"
            if asked_before and channel != "email":
                greet = ""
        ending = "ая" if gender == "f" else "ый"
        if self.p(0.02):
            ending = "ый" if gender == "f" else "ая"                    # gender-agreement
        title = ("Ms" if gender == "f" else "Mr") if not self.p(0.02) else ("Mr" if gender == "f" else "Ms")
        greet = greet.format(name=name, ending=ending, title=title, surname=r.choice(EN_SURNAMES))
        intro = ""
        if handoff and self.p(0.7):
            intro = r.choice(RU_INTRO if ru else EN_INTRO).format(agent=agent["name"].split()[0])
        if channel == "email":
            paras = []
            if greet:
                paras.append(greet)
            if intro:
                paras.append(intro)
            k = 0
            while k < len(body):
                step = r.randint(1, 3)
                paras.append(" ".join(body[k:k + step]))
                k += step
            if self.p(0.02):
                paras.append(r.choice(RU_NOREPLY_TEXT if ru else EN_NOREPLY_TEXT))
            sig_roll = r.random()
            if ru:
                closing = r.choice(["С уважением,", "Всего доброго,", "С уважением и заботой,"])
                if sig_roll < 0.12:
                    sig = "Служба поддержки"
                elif sig_roll < 0.18:
                    sig = agent["name"].split()[0]
                else:
                    sig = agent["name"] + ("\nСлужба поддержки ВкусноДом" if self.p(0.3) else "")
            else:
                closing = r.choice(["Best regards,", "Kind regards,", "Thanks,"])
                sig = "Support Team" if sig_roll < 0.12 else agent["name"] + (
                    "\nCustomer Care" if self.p(0.3) else "")
            paras.append(closing + "\n" + sig)
            text = "\n\n".join(paras)
            if self.p(0.2):
                quoted = "\n".join("> " + line for line in
                                   (self.fill(r.choice(topic["complaint"]), lang)).split("\n"))
                text += ("\n\n" + ("Ваше письмо:" if ru else "You wrote:") + "\n" + quoted)
            return [text]
        # Chat, social, phone: short lines; sometimes an answer split in two.
        lines = ([greet] if greet else []) + ([intro] if intro else []) + body
        if channel == "chat" and self.p(0.03):
            # A long instruction, one step a line: too long for a phone screen.
            steps = [self.fill(r.choice(RU_STEPS if ru else EN_STEPS), lang) for _ in range(r.randint(8, 14))]
            lines += [f"{k + 1}) {s}" for k, s in enumerate(steps)]
            return ["\n".join(lines)]
        if channel == "chat" and len(lines) >= 3 and self.p(0.1):
            cut = r.randint(1, len(lines) - 1)
            first, second = lines[:cut], lines[cut:]
            if self.p(0.5):
                first = first + [r.choice(RU_SPLIT_NOTICE if ru else EN_SPLIT_NOTICE)]
            return [" ".join(first), " ".join(second)]
        sep = "\n" if self.p(0.3) else " "
        return [sep.join(lines)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replies", type=int, default=10000, help="agent replies to generate (default 10000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--macro-share", type=float, default=0.04,
                    help="share of replies that reuse the agent's last macro verbatim (default 0.04)")
    ap.add_argument("-o", "--out", default="-", help="output file (default: standard output)")
    a = ap.parse_args()
    g = Gen(a.seed)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="\n")
    made = 0
    idx = 0
    buf = []
    while made < a.replies:
        conv, n = g.conversation(idx, a.replies - made)
        # Agents paste the same macro into different conversations.
        for m in conv["messages"]:
            if m["role"] != "agent":
                continue
            agent = g.agents[int(m["agent_id"][5:])]
            if agent["macro"] and g.p(a.macro_share) and conv["channel"] == agent["macro"][0]:
                m["text"] = agent["macro"][1]
            elif g.p(0.05):
                agent["macro"] = (conv["channel"], m["text"])
        buf.append(json.dumps(conv, ensure_ascii=False, separators=(", ", ": ")))
        if len(buf) >= 4096:
            out.write("\n".join(buf) + "\n")
            buf.clear()
        made += n
        idx += 1
    if buf:
        out.write("\n".join(buf) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()

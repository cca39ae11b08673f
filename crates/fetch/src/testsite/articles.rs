//! Four invented events, each reported by several invented outlets in English,
//! German and Ukrainian — our own words, written for these tests. Reports of one
//! event share its names, numbers and day, as real reports do, and differ in
//! wording, order and detail.

/// One report: event number, language, title, paragraphs, publication time.
pub struct Report {
    pub event: usize,
    pub language: &'static str,
    pub title: &'static str,
    pub paragraphs: &'static [&'static str],
    pub published: &'static str,
}

const fn r(
    event: usize,
    language: &'static str,
    published: &'static str,
    title: &'static str,
    paragraphs: &'static [&'static str],
) -> Report {
    Report {
        event,
        language,
        title,
        paragraphs,
        published,
    }
}

/// Twenty reports of four events.
pub const REPORTS: &[Report] = &[
    r(0, "en", "2026-11-03T09:10:00Z", "Ferry Nordstjerne hits pier in Veldhaven, 14 hurt", &[
        "The passenger ferry Nordstjerne struck the main pier of Veldhaven harbour on Tuesday morning, injuring 14 people, the harbour authority said.",
        "Captain Aksel Brenne told investigators that the steering failed as the ferry turned towards the berth in strong wind.",
        "Four of the injured were taken to Veldhaven county hospital; the others were treated at the quay. The ferry line to Skarvik is suspended until Friday.",
    ]),
    r(0, "en", "2026-11-03T11:45:00Z", "Veldhaven ferry crash: steering failure suspected", &[
        "Investigators in Veldhaven are examining the steering gear of the ferry Nordstjerne after it rammed the harbour pier, leaving 14 passengers injured.",
        "\"We lost the rudder at the worst moment,\" Captain Aksel Brenne said, according to the harbour authority.",
        "Services between Veldhaven and Skarvik will not run before Friday, the operator said, while divers inspect the damaged pier.",
    ]),
    r(0, "de", "2026-11-03T10:30:00Z", "Fähre Nordstjerne rammt Pier in Veldhaven – 14 Verletzte", &[
        "Die Passagierfähre Nordstjerne ist am Dienstagmorgen gegen den Hauptpier des Hafens von Veldhaven geprallt. Nach Angaben der Hafenbehörde wurden 14 Menschen verletzt.",
        "Kapitän Aksel Brenne sagte den Ermittlern, die Steuerung sei beim Anlegemanöver bei starkem Wind ausgefallen.",
        "Vier Verletzte kamen in das Kreiskrankenhaus Veldhaven. Die Fährverbindung nach Skarvik ruht bis Freitag.",
    ]),
    r(0, "uk", "2026-11-03T10:05:00Z", "Пором Nordstjerne врізався в причал у Вельдгавені: 14 постраждалих", &[
        "Пасажирський пором Nordstjerne у вівторок зранку врізався в головний причал порту Вельдгавен, 14 людей травмовано, повідомила портова адміністрація.",
        "Капітан Аксель Бренне розповів слідчим, що кермо відмовило, коли пором розвертався до причалу за сильного вітру.",
        "Чотирьох постраждалих доправили до окружної лікарні Вельдгавена. Поромне сполучення зі Скарвіком призупинено до п'ятниці.",
    ]),
    r(0, "uk", "2026-11-03T13:20:00Z", "У Вельдгавені перевіряють кермо порома після аварії", &[
        "Слідчі у Вельдгавені оглядають кермовий механізм порома Nordstjerne, який протаранив причал; травмовано 14 пасажирів.",
        "«Ми втратили кермо в найгірший момент», — сказав капітан Аксель Бренне, за словами портової адміністрації.",
        "Рейси між Вельдгавеном і Скарвіком не відновлять раніше п'ятниці, поки водолази оглядають пошкоджений причал.",
    ]),
    r(1, "en", "2026-11-05T07:00:00Z", "Wildfire near Montalbo burns 2,300 hectares", &[
        "A wildfire in the hills north of Montalbo has burned about 2,300 hectares of pine forest since Wednesday night, the regional fire service said.",
        "More than 400 firefighters and six water bombers are fighting the blaze; 900 residents of the villages of Sorra and Pievelunga were evacuated.",
        "Fire chief Lucia Ferrandi said dry wind from the south was pushing the flames towards the Montalbo reservoir.",
    ]),
    r(1, "en", "2026-11-05T15:30:00Z", "Montalbo fire: 900 evacuated as flames near reservoir", &[
        "Residents of Sorra and Pievelunga spent the night in school gyms after the Montalbo wildfire forced 900 people from their homes.",
        "\"The wind is our enemy tonight,\" fire chief Lucia Ferrandi told reporters, adding that 2,300 hectares had burned.",
        "Six water bombers resumed flights at dawn over the Montalbo reservoir, where the fire line is now closest to the town.",
    ]),
    r(1, "de", "2026-11-05T08:15:00Z", "Waldbrand bei Montalbo: 2300 Hektar verbrannt", &[
        "Ein Waldbrand in den Hügeln nördlich von Montalbo hat seit Mittwochabend rund 2300 Hektar Kiefernwald vernichtet, teilte die regionale Feuerwehr mit.",
        "Mehr als 400 Feuerwehrleute und sechs Löschflugzeuge sind im Einsatz. 900 Bewohner der Dörfer Sorra und Pievelunga mussten ihre Häuser verlassen.",
        "Einsatzleiterin Lucia Ferrandi sagte, trockener Südwind treibe die Flammen in Richtung des Stausees von Montalbo.",
    ]),
    r(1, "de", "2026-11-05T16:40:00Z", "Montalbo: Löschflugzeuge kämpfen gegen Feuer am Stausee", &[
        "Sechs Löschflugzeuge sind bei Montalbo wieder im Einsatz, nachdem der Brand in der Nacht bis an den Stausee vorgedrungen war.",
        "„Der Wind ist heute unser Feind“, sagte Einsatzleiterin Lucia Ferrandi. Bisher seien 2300 Hektar verbrannt.",
        "Die 900 evakuierten Bewohner von Sorra und Pievelunga verbrachten die Nacht in Turnhallen.",
    ]),
    r(1, "uk", "2026-11-05T09:00:00Z", "Лісова пожежа біля Монтальбо знищила 2300 гектарів", &[
        "Лісова пожежа на пагорбах на північ від Монтальбо з вечора середи знищила близько 2300 гектарів соснового лісу, повідомила регіональна пожежна служба.",
        "Понад 400 пожежників і шість літаків гасять вогонь; 900 мешканців сіл Сорра і П'євелунга евакуювали.",
        "Керівниця гасіння Лючія Ферранді сказала, що сухий південний вітер жене полум'я до водосховища Монтальбо.",
    ]),
    r(2, "en", "2026-11-08T18:20:00Z", "Mira Kovalenko wins the Harbour Cup chess tournament", &[
        "Mira Kovalenko won the Harbour Cup chess tournament in Lindqvist on Sunday, beating grandmaster Tomas Ruuska in the final round.",
        "Kovalenko, 19, finished with 7.5 points from nine games and takes home a prize of 40,000 euros.",
        "\"I did not expect to play the Sicilian today,\" she said after the game, which lasted 61 moves.",
    ]),
    r(2, "en", "2026-11-09T08:00:00Z", "Teenager Kovalenko beats Ruuska to take Harbour Cup", &[
        "Nineteen-year-old Mira Kovalenko is the new Harbour Cup champion after a 61-move win over Tomas Ruuska in Lindqvist.",
        "Her 7.5 points from nine rounds put her a full point ahead of the field; the prize is 40,000 euros.",
        "Ruuska called her endgame \"precise and patient\" and said she would soon be among the world's best.",
    ]),
    r(2, "de", "2026-11-08T19:05:00Z", "Mira Kovalenko gewinnt den Harbour Cup", &[
        "Die 19-jährige Mira Kovalenko hat das Schachturnier Harbour Cup in Lindqvist gewonnen. In der letzten Runde besiegte sie Großmeister Tomas Ruuska.",
        "Kovalenko holte 7,5 Punkte aus neun Partien und erhält ein Preisgeld von 40.000 Euro.",
        "Die Schlusspartie dauerte 61 Züge.",
    ]),
    r(2, "uk", "2026-11-08T20:10:00Z", "Міра Коваленко виграла шаховий турнір Harbour Cup", &[
        "Міра Коваленко в неділю виграла шаховий турнір Harbour Cup у Ліндквісті, здолавши в останньому турі гросмейстера Томаса Рууску.",
        "19-річна Коваленко набрала 7,5 очка з дев'яти партій і отримує приз 40 000 євро.",
        "«Я не очікувала сьогодні грати сицилійський захист», — сказала вона після партії, яка тривала 61 хід.",
    ]),
    r(2, "uk", "2026-11-09T07:30:00Z", "Коваленко обіграла Рууску і стала чемпіонкою Harbour Cup", &[
        "Дев'ятнадцятирічна Міра Коваленко — нова чемпіонка Harbour Cup після перемоги над Томасом Руускою за 61 хід у Ліндквісті.",
        "Її 7,5 очка з дев'яти турів — на ціле очко більше, ніж у суперників; приз становить 40 000 євро.",
    ]),
    r(3, "en", "2026-11-10T12:00:00Z", "Orvin Bridge closed after cracks found in main span", &[
        "The Orvin Bridge over the river Elde was closed to all traffic on Tuesday after engineers found cracks in a steel girder of the main span.",
        "Transport minister Henrik Salo said the 1968 bridge, which carries 31,000 vehicles a day, would stay shut for at least three weeks.",
        "Buses are being diverted over the Kessel crossing, adding about 25 minutes to journeys into the city centre.",
    ]),
    r(3, "en", "2026-11-10T17:45:00Z", "Drivers face long detours as Orvin Bridge shuts", &[
        "Commuters queued for up to an hour at the Kessel crossing after the Orvin Bridge closed because of a cracked girder.",
        "\"Safety comes first, even if it costs us three weeks,\" transport minister Henrik Salo said. The bridge normally carries 31,000 vehicles a day.",
    ]),
    r(3, "de", "2026-11-10T13:10:00Z", "Orvin-Brücke nach Rissen im Hauptfeld gesperrt", &[
        "Die Orvin-Brücke über die Elde ist seit Dienstag für den gesamten Verkehr gesperrt. Ingenieure hatten Risse in einem Stahlträger des Hauptfelds entdeckt.",
        "Verkehrsminister Henrik Salo sagte, die Brücke von 1968, die täglich 31.000 Fahrzeuge trägt, bleibe mindestens drei Wochen geschlossen.",
        "Busse werden über die Kessel-Querung umgeleitet, was die Fahrt ins Zentrum um etwa 25 Minuten verlängert.",
    ]),
    r(3, "de", "2026-11-11T06:30:00Z", "Stau an der Kessel-Querung nach Sperrung der Orvin-Brücke", &[
        "Pendler standen am Mittwochmorgen bis zu einer Stunde an der Kessel-Querung, nachdem die Orvin-Brücke wegen eines gerissenen Trägers gesperrt wurde.",
        "„Sicherheit geht vor, auch wenn es uns drei Wochen kostet“, sagte Verkehrsminister Henrik Salo.",
    ]),
    r(3, "uk", "2026-11-10T14:00:00Z", "Міст Орвін закрили через тріщини в головному прогоні", &[
        "Міст Орвін через річку Ельде у вівторок закрили для всього транспорту після того, як інженери виявили тріщини в сталевій балці головного прогону.",
        "Міністр транспорту Генрік Сало сказав, що міст 1968 року, яким щодня проїжджає 31 000 автомобілів, буде закритий щонайменше три тижні.",
        "Автобуси пускають через переправу Кессель, що додає близько 25 хвилин до поїздки в центр міста.",
    ]),
];

//! Polish, Ukrainian, Russian, Bulgarian, Croatian/Serbian, Czech: months in the
//! nominative, genitive (in dates) and locative (`у вересні`). Format: see `mod.rs`.

pub(crate) const PL: &str = "
easter+1: poniedziałek wielkanocny | lany poniedziałek
easter+49: zielone świątki
easter+60: boże ciało
edge: koniec | końca | końcem | pod koniec | początek | początku | na początku | połowa | połowie | w połowie
after: po | od
prior: przed
at: o | około
part: rano | wieczorem | po południu | w nocy
uhour: godzina | godziny | godzin | godzinę
uminute: minuta | minuty | minut | minutę
m1: styczeń | stycznia | styczniu | ~sty
m2: luty | lutego | lutym | ~lut
m3: marzec | marca | marcu | ~mar
m4: kwiecień | kwietnia | kwietniu | ~kwi
m5: maj | maja | maju
m6: czerwiec | czerwca | czerwcu | ~cze
m7: lipiec | lipca | lipcu | ~lip
m8: sierpień | sierpnia | sierpniu | ~sie
m9: wrzesień | września | wrześniu | ~wrz
m10: październik | października | październiku | ~paź
m11: listopad | listopada | listopadzie | ~lis
m12: grudzień | grudnia | grudniu | ~gru
w1: poniedziałek | poniedziałku | ~pon | ~pn
w2: wtorek | wtorku | ~wt | ~wtr
w3: środa | środę | środy | ~śr | ~sr
w4: czwartek | czwartku | ~czw | ~cz
w5: piątek | piątku | ~pt | ~pia
w6: sobota | sobotę | soboty | ~sob | ~so
w7: niedziela | niedzielę | niedzieli | ~nie | ~nd | ~niedz | ~ndz
d0: dziś | dzisiaj | teraz | obecnie | dzisiejszy | dzisiejsza | dzisiejszą | dzisiejszego | obecnego dnia | tego dnia | dziś wieczorem
d-1: wczoraj | wczorajszy | wczorajsza | wczorajszego | wczoraj wieczorem
d1: jutro | jutrzejszy | jutrzejsza | jutrzejszego
d-2: przedwczoraj
d2: pojutrze | po jutrze
s-1: ostatni | ostatnia | ostatnie | ostatniego | ostatnią | zeszły | zeszła | zeszłe | zeszłego | zeszłym | ubiegły | ubiegła | ubiegłe | ubiegłego | ubiegłym | poprzedni | poprzednia | poprzedniego | miniony | minionego | minionym
s1: następny | następna | następne | następnego | następnym | przyszły | przyszła | przyszłe | przyszłego | przyszłym | kolejny | kolejnego | kolejnym | kolejnej | nadchodzący | nadchodzącą
s0: ten | ta | to | tego | tej | tym | bieżący | bieżącego | obecny | obecnego
uday: dzień | dni | dnia
uweek: tydzień | tygodnie | tygodni | tygodnia | tygodniu
umonth: miesiąc | miesiące | miesięcy | miesiąca | miesiącu
uyear: rok | lata | lat | roku
n1: jeden | jedna | jedno
n2: dwa | dwie
n3: trzy
n4: cztery
n5: pięć
n6: sześć
n7: siedem
n8: osiem
n9: dziewięć
n10: dziesięć
o1: pierwszy | pierwsza | pierwszego | pierwszej
o2: drugi | druga | drugiego | drugiej
o3: trzeci | trzecia | trzeciego | trzeciej
o4: czwarty | czwarta | czwartego | czwartej
o5: piąty | piąta | piątego | piątej
o6: szósty | szósta | szóstego | szóstej
o7: siódmy | siódma | siódmego | siódmej
o8: ósmy | ósma | ósmego | ósmej
o9: dziewiąty | dziewiąta | dziewiątego | dziewiątej
o10: dziesiąty | dziesiąta | dziesiątego | dziesiątej
o11: jedenasty | jedenasta | jedenastego | jedenastej
o12: dwunasty | dwunasta | dwunastego | dwunastej
o13: trzynasty | trzynasta | trzynastego | trzynastej
o14: czternasty | czternasta | czternastego | czternastej
o15: piętnasty | piętnasta | piętnastego | piętnastej
o16: szesnasty | szesnasta | szesnastego | szesnastej
o17: siedemnasty | siedemnasta | siedemnastego | siedemnastej
o18: osiemnasty | osiemnasta | osiemnastego | osiemnastej
o19: dziewiętnasty | dziewiętnasta | dziewiętnastego | dziewiętnastej
o20: dwudziesty | dwudziesta | dwudziestego | dwudziestej
o30: trzydziesty | trzydziesta | trzydziestego | trzydziestej
n20: dwadzieścia
n30: trzydzieści
ago: temu
in: za | w ciągu
later: później | potem
fill: w | we | z | dnia | roku | r
sfx: tego | go | ego
h12-25: boże narodzenie | bożego narodzenia
h12-24: wigilia | wigilię
h1-1: nowy rok | nowego roku
h5-3: święto konstytucji
h11-11: święto niepodległości
easter: wielkanoc | wielkanocy
fut: będzie | będą | będę | będziemy | zostanie | zostaną | planuje | jutro
past: był | była | było | byli | były | -ł | -ła | -ło | -li | -ły | wczoraj
";

pub(crate) const UK: &str = "
edge: кінець | кінця | наприкінці | початок | початку | на початку | середина | середини | в середині | у середині
after: після
prior: до
at: о | об | близько
part: ранку | вечора | вночі | вдень | години | год
uhour: година | години | годин | годину
uminute: хвилина | хвилини | хвилин | хвилину
m1: січень | січня | січні | ~січ
m2: лютий | лютого | лютому | ~лют
m3: березень | березня | березні | ~бер
m4: квітень | квітня | квітні | ~квіт
m5: травень | травня | травні | ~трав
m6: червень | червня | червні | ~черв
m7: липень | липня | липні | ~лип
m8: серпень | серпня | серпні | ~серп
m9: вересень | вересня | вересні | ~вер
m10: жовтень | жовтня | жовтні | ~жовт
m11: листопад | листопада | листопаді | ~лист
m12: грудень | грудня | грудні | ~груд
w1: понеділок | понеділка | понеділку | ~пн
w2: вівторок | вівторка | вівторку | ~вт
w3: середа | середу | середи | ~ср
w4: четвер | четверга | четверг | ~чт
w5: пʼятниця | п'ятниця | пятниця | пʼятницю | п'ятницю | пятницю | п'ятниці | пʼятниці | ~пт
w6: субота | суботу | суботи | ~сб
w7: неділя | неділю | неділі | ~нд
d0: сьогодні | зараз | нині | сьогоднішній | цього дня | сьогодні ввечері | цей день
d-1: вчора | учора | вчорашній | вчора ввечері | напередодні
d1: завтра | завтрашній
d-2: позавчора
d2: післязавтра
s-1: минулий | минулого | минулому | минулій | минула | минулу | минуле | минулої | попередній | попереднього | попередня | останній | останнього | минулими
s1: наступний | наступного | наступному | наступній | наступна | наступну | наступне | наступної | майбутній | майбутнього | прийдешній
s0: цей | цього | цьому | ця | цю | цієї | це | цій | поточний | поточного | поточному
uday: день | дні | днів | дня
uweek: тиждень | тижні | тижнів | тижня | тижні
umonth: місяць | місяці | місяців | місяця
uyear: рік | роки | років | року
n1: один | одна | одну | одне
n2: два | дві
n3: три
n4: чотири
n5: пʼять | п'ять | пять
n6: шість
n7: сім
n8: вісім
n9: девʼять | дев'ять
n10: десять
o1: перше | першого | перший | перша | першу
o2: друге | другого | другий | друга | другу
o3: третє | третього | третій | третя | третю
o4: четверте | четвертого | четвертий | четверта | четверту
o5: п'яте | п'ятого | п'ятий | п'ята | п'яту | пʼяте | пʼятого | пʼятий | пʼята | пʼяту
o6: шосте | шостого | шостий | шоста | шосту
o7: сьоме | сьомого | сьомий | сьома | сьому
o8: восьме | восьмого | восьмий | восьма | восьму
o9: дев'яте | дев'ятого | дев'ятий | дев'ята | дев'яту | девʼяте | девʼятого | девʼятий | девʼята | девʼяту
o10: десяте | десятого | десятий | десята | десяту
o11: одинадцяте | одинадцятого | одинадцятий | одинадцята | одинадцяту
o12: дванадцяте | дванадцятого | дванадцятий | дванадцята | дванадцяту
o13: тринадцяте | тринадцятого | тринадцятий | тринадцята | тринадцяту
o14: чотирнадцяте | чотирнадцятого | чотирнадцятий | чотирнадцята | чотирнадцяту
o15: п'ятнадцяте | п'ятнадцятого | п'ятнадцятий | п'ятнадцята | п'ятнадцяту | пʼятнадцяте | пʼятнадцятого | пʼятнадцятий | пʼятнадцята | пʼятнадцяту
o16: шістнадцяте | шістнадцятого | шістнадцятий | шістнадцята | шістнадцяту
o17: сімнадцяте | сімнадцятого | сімнадцятий | сімнадцята | сімнадцяту
o18: вісімнадцяте | вісімнадцятого | вісімнадцятий | вісімнадцята | вісімнадцяту
o19: дев'ятнадцяте | дев'ятнадцятого | дев'ятнадцятий | дев'ятнадцята | дев'ятнадцяту | девʼятнадцяте | девʼятнадцятого | девʼятнадцятий | девʼятнадцята | девʼятнадцяту
o20: двадцяте | двадцятого | двадцятий | двадцята | двадцяту
o30: тридцяте | тридцятого | тридцятий | тридцята | тридцяту
n20: двадцять
n30: тридцять
ago: тому | назад
in: через | за
later: пізніше | потому
fill: у | в | на | о | року | р
sfx: го | е | ого
h12-25: різдво | різдва
h1-1: новий рік | нового року
h8-24: день незалежності
easter: великдень | великодня
fut: буде | будуть | буду | будемо | планує | мають | має | завтра | -тиме | -тимуть
past: був | була | було | були | -в | -ла | -ло | -ли | вчора | учора
";

pub(crate) const RU: &str = "
edge: конец | конца | в конце | начало | начала | в начале | середина | середины | в середине
after: после
prior: до
at: в | около
part: утра | вечера | ночи | дня | часов | часа | ч
uhour: час | часа | часов
uminute: минута | минуты | минут | минуту
m1: январь | января | январе | ~янв
m2: февраль | февраля | феврале | ~фев
m3: март | марта | марте | ~мар
m4: апрель | апреля | апреле | ~апр
m5: май | мая | мае
m6: июнь | июня | июне | ~июн
m7: июль | июля | июле | ~июл
m8: август | августа | августе | ~авг
m9: сентябрь | сентября | сентябре | ~сен | ~сент
m10: октябрь | октября | октябре | ~окт
m11: ноябрь | ноября | ноябре | ~ноя
m12: декабрь | декабря | декабре | ~дек
w1: понедельник | понедельника | ~пн | ~пон
w2: вторник | вторника | ~вт
w3: среда | среду | среды | ~ср
w4: четверг | четверга | ~чт | ~чет
w5: пятница | пятницу | пятницы | ~пт
w6: суббота | субботу | субботы | ~сб
w7: воскресенье | воскресенья | ~вс
d0: сегодня | сейчас | сегодняшний | сегодня вечером | в этот день | этот день | нынче
d-1: вчера | вчерашний | вчера вечером | накануне
d1: завтра | завтрашний
d-2: позавчера
d2: послезавтра
s-1: прошлый | прошлого | прошлом | прошлой | прошлая | прошлую | прошлое | прошедший | прошедшего | прошедшей | предыдущий | предыдущего | последний | последнего
s1: следующий | следующего | следующем | следующей | следующая | следующую | следующее | будущий | будущего | будущей | будущем | грядущий | наступающий
s0: этот | этого | этом | эта | эту | этой | это | текущий | текущего | текущем | текущей | нынешний | нынешнего
uday: день | дня | дней | дни
uweek: неделя | недели | недель | неделю | неделе
umonth: месяц | месяца | месяцев | месяце
uyear: год | года | лет | году
n1: один | одна | одну | одно
n2: два | две
n3: три
n4: четыре
n5: пять
n6: шесть
n7: семь
n8: восемь
n9: девять
n10: десять
o1: первое | первого | первому | первый
o2: второе | второго | второму | второй
o3: третье | третьего | третьему | третий
o4: четвертое | четвертого | четвертому | четвертый
o5: пятое | пятого | пятому | пятый
o6: шестое | шестого | шестому | шестый
o7: седьмое | седьмого | седьмому | седьмый
o8: восьмое | восьмого | восьмому | восьмый
o9: девятое | девятого | девятому | девятый
o10: десятое | десятого | десятому | десятый
o11: одиннадцатое | одиннадцатого | одиннадцатому | одиннадцатый
o12: двенадцатое | двенадцатого | двенадцатому | двенадцатый
o13: тринадцатое | тринадцатого | тринадцатому | тринадцатый
o14: четырнадцатое | четырнадцатого | четырнадцатому | четырнадцатый
o15: пятнадцатое | пятнадцатого | пятнадцатому | пятнадцатый
o16: шестнадцатое | шестнадцатого | шестнадцатому | шестнадцатый
o17: семнадцатое | семнадцатого | семнадцатому | семнадцатый
o18: восемнадцатое | восемнадцатого | восемнадцатому | восемнадцатый
o19: девятнадцатое | девятнадцатого | девятнадцатому | девятнадцатый
o20: двадцатое | двадцатого | двадцатому | двадцатый
o30: тридцатое | тридцатого | тридцатому
n20: двадцать
n30: тридцать
s-2: позапрошлый | позапрошлого | позапрошлом | позапрошлой | позапрошлую
d3: послепослезавтра
d-3: позапозавчера
ago: назад | тому назад
in: через | за
later: спустя | позже
fill: в | во | на | года | г
sfx: го | е | ое | ого | его
h12-25: рождество католическое
h1-7: рождество | рождества
h1-1: новый год | нового года
h5-9: день победы
h2-23: день защитника отечества
h3-8: международный женский день
easter: пасха | пасхи
fut: будет | будут | буду | будем | планирует | завтра | -ится
past: был | была | было | были | -л | -ла | -ло | -ли | вчера
";

pub(crate) const BG: &str = "
m1: януари
m2: февруари
m3: март
m4: април
m5: май
m6: юни
m7: юли
m8: август
m9: септември
m10: октомври
m11: ноември
m12: декември
w1: понеделник
w2: вторник
w3: сряда
w4: четвъртък
w5: петък
w6: събота
w7: неделя
d0: днес | сега
d-1: вчера
d1: утре
d-2: онзи ден
d2: вдругиден
s-1: миналия | миналата | миналото | последния
s1: следващия | следващата | следващото
s0: този | тази | това
uday: ден | дни | дена
uweek: седмица | седмици
umonth: месец | месеца | месеци
uyear: година | години
n1: един | една
n2: два | две
n3: три
ago: преди
in: след | за
fut: ще
past: беше | бяха
";

pub(crate) const HR: &str = "
after: poslije | nakon | posle
prior: prije
m1: siječanj | siječnja | siječnju | januar | januara
m2: veljača | veljače | veljači | februar | februara
m3: ožujak | ožujka | ožujku | mart | marta
m4: travanj | travnja | travnju | april | aprila
m5: svibanj | svibnja | svibnju | maj | maja
m6: lipanj | lipnja | lipnju | jun | juna
m7: srpanj | srpnja | srpnju | jul | jula
m8: kolovoz | kolovoza | kolovozu | avgust | avgusta | august | augusta
m9: rujan | rujna | rujnu | septembar | septembra
m10: listopad | listopada | listopadu | oktobar | oktobra
m11: studeni | studenoga | studenog | studenom | novembar | novembra
m12: prosinac | prosinca | prosincu | decembar | decembra
w1: ponedjeljak | ponedjeljka | ponedeljak | ~pon
w2: utorak | utorka | ~uto | ~ut
w3: srijeda | srijedu | srijede | sreda | sredu | ~sri | ~sre
w4: četvrtak | četvrtka | ~čet
w5: petak | petka | ~pet
w6: subota | subotu | subote | ~sub
w7: nedjelja | nedjelju | nedjelje | nedelja | nedelju | ~ned
d0: danas | sada | sad | ovaj dan | večeras | jutros
d-1: jučer | juče | sinoć
d1: sutra
d-2: prekjučer | prekjuče
d2: prekosutra
s-1: prošli | prošle | prošlog | prošlu | prošla | prošlom | prethodni | prethodnog | prethodna | prethodne | zadnji | zadnjeg | posljednji
s1: sljedeći | sljedećeg | sljedeću | sljedeća | sljedećem | sljedeće | idući | idućeg | iduću | iduća | naredni | narednog | slijedeći | sledeći | sledećeg
s0: ovaj | ove | ovog | ovu | ova | ovoga | ovom | tekući | tekućeg
uday: dan | dana | dani
uweek: tjedan | tjedna | tjedana | tjednu | nedelja | nedelje | sedmica | sedmice
umonth: mjesec | mjeseca | mjeseci | mesec | meseca
uyear: godina | godine | godinu | godišnje | godini
n1: jedan | jedna | jednu | jedne
n2: dva | dvije | dve
n3: tri
n4: četiri
n5: pet
o1: prvi | prvog | prva | prvoga
before: prije | pre
in: za | kroz
later: kasnije | poslije
fill: u | na | dana | godine | g
sfx: og | oga
h12-25: božić | božića
h1-1: nova godina | nove godine
easter: uskrs | uskrsa
fut: će | ćemo | ću | bit će
past: je | su | bio | bila | bilo | bili | jučer
";

pub(crate) const CS: &str = "
m1: leden | ledna | lednu
m2: únor | února | únoru
m3: březen | března | březnu
m4: duben | dubna | dubnu
m5: květen | května | květnu
m6: červen | června | červnu
m7: červenec | července | červenci
m8: srpen | srpna | srpnu
m9: září
m10: říjen | října | říjnu
m11: listopad | listopadu
m12: prosinec | prosince | prosinci
w1: pondělí
w2: úterý
w3: středa | středu
w4: čtvrtek
w5: pátek
w6: sobota | sobotu
w7: neděle | neděli
d0: dnes | nyní | teď
d-1: včera
d1: zítra
d-2: předevčírem
d2: pozítří
s-1: minulý | minulého | minulou | minulém | poslední
s1: příští | příštího | příští | následující
s0: tento | tohoto | tuto | toto | letošní
uday: den | dny | dní | dnů
uweek: týden | týdny | týdnů | týdne
umonth: měsíc | měsíce | měsíců
uyear: rok | roky | let | roku
ago: před
in: za
fut: bude | budou
past: byl | byla | bylo | byli
";

pub(crate) const BE: &str = "
m1: студзень | студзеня
m2: люты | лютага
m3: сакавік | сакавіка
m4: красавік | красавіка
m5: травень | траўня | мая
m6: чэрвень | чэрвеня
m7: ліпень | ліпеня
m8: жнівень | жніўня
m9: верасень | верасня
m10: кастрычнік | кастрычніка
m11: лістапад | лістапада
m12: снежань | снежня
w1: панядзелак
w2: аўторак
w3: серада
w4: чацвер
w5: пятніца
w6: субота
w7: нядзеля
d0: сёння
d-1: учора | ўчора
d1: заўтра
uday: дзень | дні | дзён
uyear: год | гады | гадоў
ago: таму
";

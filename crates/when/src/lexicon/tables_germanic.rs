//! English, German, Dutch and the Scandinavian languages (Danish and Norwegian share
//! `DA_NB`). Format: see `mod.rs`.

pub(crate) const EN: &str = "
easter-2: good friday
easter+1: easter monday
easter+39: ascension day | ascension
easter+49: pentecost | whit sunday | whitsunday
easter+50: whit monday
easter-47: shrove tuesday | mardi gras
easter-46: ash wednesday
o11: eleventh
o12: twelfth
o13: thirteenth
o14: fourteenth
o15: fifteenth
o16: sixteenth
o17: seventeenth
o18: eighteenth
o19: nineteenth
o20: twentieth
o30: thirtieth
n20: twenty
n30: thirty
edge: end | the end | beginning | the beginning | start | the start | middle | the middle | mid | early | late | the rest
after: after | from | following
prior: before | prior to
at: at | around | about | by
part: morning | afternoon | evening | night | am | pm | a | p | m | o'clock | noon | midnight | edt | est | cdt | cst | mdt | mst | pdt | pst | gmt | utc | bst | cet | cest
uhour: hour | hours | hr | hrs
uminute: minute | minutes | min | mins
h10-31: halloween
h2-14: valentine's day | valentines day | st valentine's day
h12-26: boxing day
h3-17: st patrick's day | saint patrick's day | saint patrick | st patrick
h11-11: veterans day | armistice day
month-first
m1: ^january | ~jan
m2: ^february | ~feb
m3: ^march | ~mar
m4: ^april | ~apr
m5: ^may
m6: ^june | ~jun
m7: ^july | ~jul
m8: ^august | ~aug
m9: ^september | ~sep | ~sept
m10: ^october | ~oct
m11: ^november | ~nov
m12: ^december | ~dec
w1: ^monday | ~mon
w2: ^tuesday | ~tue | ~tues
w3: ^wednesday | ~wed
w4: ^thursday | ~thu | ~thur | ~thurs
w5: ^friday | ~fri
w6: ^saturday | ~sat
w7: ^sunday | ~sun
d0: today | tonight | this morning | this afternoon | this evening | now | right now | the same day
d-1: yesterday | last night
d1: tomorrow | tomorrow morning | tomorrow night
d-2: the day before yesterday | day before yesterday
d2: the day after tomorrow | day after tomorrow
s-1: last | previous | past
s1: next | coming | following | upcoming
s0: this | current
s2: after next
uday: day | days
uweek: week | weeks
umonth: month | months
uyear: year | years
n1: a | an | one
n2: two | couple of | a couple of
n3: three | a few
n4: four
n5: five
n6: six
n7: seven
n8: eight
n9: nine
n10: ten
n11: eleven
n12: twelve
n15: fifteen
n20: twenty
n30: thirty
o1: first
o2: second
o3: third
o4: fourth
o5: fifth
o6: sixth
o7: seventh
o8: eighth
o9: ninth
o10: tenth
ago: ago | earlier
in: in | within
later: later | from now | hence
fill: of | the | on | of the
sfx: st | nd | rd | th
h12-25: christmas | christmas day
h12-24: christmas eve
h1-1: new year's day | new year | new years day
h12-31: new year's eve
h7-4: independence day
easter: easter | easter sunday
fut: will | shall | -'ll | going to | won't | scheduled | plans | expected | next | upcoming | tomorrow
past: was | were | had | did | -ed | ago | last | yesterday | came | went | took | met | held | made | began | fell | rose | won | lost | killed | died | left | sent | gave | saw
";

pub(crate) const DE: &str = "
easter-2: karfreitag
easter+1: ostermontag
easter+39: christi himmelfahrt | himmelfahrt
easter+49: pfingsten | pfingstsonntag
easter+50: pfingstmontag
easter+60: fronleichnam
easter-49: fastnachtssonntag | karnevalssonntag
easter-48: rosenmontag
easter-46: aschermittwoch
s-2: vorletzten | vorletzte | vorletzter | vorletztes | vorletztem
edge: ende | anfang | mitte | beginn | zu beginn | gegen ende | anfangs
after: nach | ab
prior: vor
at: um | gegen | ab
part: uhr | morgens | abends | nachts | früh | vormittag | nachmittag | abend | nacht
uhour: stunde | stunden
uminute: minute | minuten
h10-31: halloween
h2-14: valentinstag
h12-26: zweiter weihnachtstag | stephanstag
h1-6: heilige drei könige | dreikönigstag
h11-1: allerheiligen
m1: januar | jänner | ~jan
m2: februar | feber | ~feb
m3: märz | ~mär | ~mrz
m4: april | ~apr
m5: mai
m6: juni | ~jun
m7: juli | ~jul
m8: august | ~aug
m9: september | ~sep | ~sept
m10: oktober | ~okt
m11: november | ~nov
m12: dezember | ~dez
w1: montag | ~mo | montagmorgen | montagabend | montagnachmittag
w2: dienstag | ~di | dienstagmorgen | dienstagabend | dienstagnachmittag
w3: mittwoch | ~mi | mittwochmorgen | mittwochabend | mittwochnachmittag
w4: donnerstag | ~do | donnerstagmorgen | donnerstagabend | donnerstagnachmittag
w5: freitag | ~fr | freitagmorgen | freitagabend | freitagnachmittag
w6: samstag | sonnabend | ~sa | samstagmorgen | samstagabend | samstagnachmittag
w7: sonntag | ~so | sonntagmorgen | sonntagabend | sonntagnachmittag
d0: heute | heute morgen | heute abend | heute nachmittag | jetzt | gerade | zu dieser zeit | heutige | heutigen
d-1: gestern | gestern abend | gestern morgen | gestrigen | gestrige
d1: _morgen | morgen früh | morgen abend | morgigen | morgige
d-2: vorgestern
d2: übermorgen
d-3: vorvorgestern
s-1: letzten | letzte | letzter | letztes | vergangenen | vergangene | vergangener | vergangenes | vorigen | voriger | vorige | voriges | letztem | vergangenem
s1: nächsten | nächste | nächster | nächstes | kommenden | kommende | kommender | kommendes | folgenden | nächstem | kommendem
s0: diesen | diese | dieser | dieses | diesem | laufenden | laufende | laufendes
s2: übernächsten | übernächste | übernächster | übernächstes
uday: tag | tage | tagen | tages
uweek: woche | wochen
umonth: monat | monate | monaten | monats
uyear: jahr | jahre | jahren | jahres
n1: ein | eine | einer | einem | einen | eins
n2: zwei | zwo
n3: drei
n4: vier
n5: fünf
n6: sechs
n7: sieben
n8: acht
n9: neun
n10: zehn
n11: elf
n12: zwölf
o1: erster | erste | ersten | erstem
o2: zweiter | zweite | zweiten
o3: dritter | dritte | dritten
o4: vierter | vierte | vierten
o5: fünfter | fünfte | fünften
o6: sechster | sechste | sechsten
o7: siebter | siebte | siebten
o8: achter | achte | achten
o9: neunter | neunte | neunten
o10: zehnter | zehnte | zehnten
o20: zwanzigster | zwanzigste | zwanzigsten
o30: dreißigster | dreißigste | dreißigsten
o31: einunddreißigster | einunddreißigste | einunddreißigsten
ago: zuvor | früher
before: vor
in: in | binnen | innerhalb von
later: später | danach
fill: am | im | des | der | dem | den | vom | von | zum | ab
sfx: te | ten | ter
h12-25: weihnachten | weihnachtstag | erster weihnachtstag
h12-24: heiligabend | heiligen abend
h1-1: neujahr | neujahrstag
h12-31: silvester
h5-1: tag der arbeit
h10-3: tag der deutschen einheit
easter: ostern | ostersonntag
fut: wird | werden | werde | wirst | soll | sollen | will | wollen | plant | geplant | künftig
past: hat | hatte | hatten | haben | war | waren | wurde | wurden | gestern | -te | -ten
";

pub(crate) const NL: &str = "
easter-2: goede vrijdag
easter+1: tweede paasdag | paasmaandag
easter+39: hemelvaartsdag | hemelvaart
easter+49: pinksteren | eerste pinksterdag
easter+50: tweede pinksterdag | pinkstermaandag
edge: eind | einde | het einde | begin | het begin | midden | het midden | halverwege | eind van | begin van
after: na | vanaf | gerekend vanaf
prior: voor
at: om | rond | omstreeks | tegen
part: uur | 's ochtends | 's avonds | 's middags | 's nachts | ochtend | avond | middag | nacht
uhour: uur | uren
uminute: minuut | minuten | min
h10-31: halloween
h2-14: valentijnsdag
h12-26: tweede kerstdag
m1: januari | ~jan
m2: februari | ~feb
m3: maart | ~mrt | ~maa
m4: april | ~apr
m5: mei
m6: juni | ~jun
m7: juli | ~jul
m8: augustus | ~aug
m9: september | ~sep | ~sept
m10: oktober | ~okt
m11: november | ~nov
m12: december | ~dec
w1: maandag | ~ma | maandagochtend | maandagavond
w2: dinsdag | ~di | ~dinsd | dinsdagochtend | dinsdagavond
w3: woensdag | ~wo | woensdagochtend | woensdagavond
w4: donderdag | ~do | donderdagochtend | donderdagavond
w5: vrijdag | ~vr | vrijdagochtend | vrijdagavond
w6: zaterdag | ~za | zaterdagochtend | zaterdagavond
w7: zondag | ~zo | zondagochtend | zondagavond
d0: vandaag | vanavond | vanochtend | vanmorgen | nu | nu meteen | deze dag | heden
d-1: gisteren | gisteravond | gistermorgen | afgelopen nacht | vannacht
d1: morgen | morgenavond | morgenochtend | morgenvroeg
d-2: eergisteren
d2: overmorgen
s-1: vorige | vorig | afgelopen | laatste | jongstleden | verleden
s1: volgende | volgend | komende | aanstaande | eerstvolgende | eropvolgende
s0: deze | dit | huidige
uday: dag | dagen
uweek: week | weken
umonth: maand | maanden
uyear: jaar | jaren
n1: een | één
n2: twee
n3: drie | een paar
n4: vier
n5: vijf
n6: zes
n7: zeven
n8: acht
n9: negen
n10: tien
o1: eerste
o2: tweede
o3: derde
o4: vierde
o5: vijfde
o24: vierentwintigste
o31: eenendertigste
ago: geleden | eerder
in: over | binnen
later: later | erna | daarna
fill: de | het | van | op | in
sfx: e | ste | de
h12-25: kerstmis | kerst | eerste kerstdag
h1-1: nieuwjaarsdag | nieuwjaar
h4-27: koningsdag
easter: pasen | paaszondag
fut: zal | zullen | zult | gaat | gaan | volgende | morgen
past: was | waren | had | hadden | heeft | hebben | werd | werden | gisteren | -de | -te
";

pub(crate) const SV: &str = "
edge: slutet | i slutet | början | i början | mitten | i mitten
after: efter
prior: före | innan
m1: januari | ~jan
m2: februari | ~feb
m3: mars | ~mar
m4: april | ~apr
m5: maj
m6: juni | ~jun
m7: juli | ~jul
m8: augusti | ~aug
m9: september | ~sep | ~sept
m10: oktober | ~okt
m11: november | ~nov
m12: december | ~dec
w1: måndag | måndagen | ~mån
w2: tisdag | tisdagen | ~tis
w3: onsdag | onsdagen | ~ons
w4: torsdag | torsdagen | ~tors | ~tor
w5: fredag | fredagen | ~fre
w6: lördag | lördagen | ~lör
w7: söndag | söndagen | ~sön
d0: idag | i dag | nu | ikväll | i kväll
d-1: igår | i går | i går kväll
d1: imorgon | i morgon | imorn
d-2: i förrgår | förrgår
d2: i övermorgon | övermorgon
s-1: förra | förre | senaste | föregående
s1: nästa | kommande | följande
s0: denna | detta | den här | det här | innevarande
y-1: i fjol
y0: i år
uday: dag | dagar | dagen
uweek: vecka | veckor | veckan
umonth: månad | månader | månaden
uyear: år | året | åren
n1: en | ett
n2: två
n3: tre
n4: fyra
n5: fem
n6: sex
n7: sju
n8: åtta
n10: tio
o1: första
o2: andra
o3: tredje
ago: sedan | för sedan
before: för
in: om | inom
later: senare
fill: den | i | på | av
sfx: e | a
h12-25: juldagen | jul
h12-24: julafton
h1-1: nyårsdagen | nyår
easter: påsk | påskdagen
fut: ska | skall | kommer att | blir
past: var | hade | har | igår
";

pub(crate) const DA_NB: &str = "
edge: slutningen | slutten | i slutningen | i slutten | begyndelsen | begynnelsen | midten | i midten
w1: mandag | ~man
w2: tirsdag | ~tir | ~tirs
w3: onsdag | ~ons
w4: torsdag | ~tor | ~tors
w5: fredag | ~fre
w6: lørdag | ~lør
w7: søndag | ~søn
after: efter | etter
prior: før
m1: januar | ~jan
m2: februar | ~feb
m3: marts | mars | ~mar
m4: april | ~apr
m5: maj | mai
m6: juni | ~jun
m7: juli | ~jul
m8: august | ~aug
m9: september | ~sep | ~sept
m10: oktober | ~okt
m11: november | ~nov
m12: december | desember | ~dec | ~des
uday: dag | dage | dager | dagen
uweek: uge | uger | ugen | uke | uker | uken
umonth: måned | måneder | måneden
uyear: år | året | årene
n1: en | et | ett
n2: to
n3: tre
n4: fire
n5: fem
n6: seks
n7: syv | sju
n8: otte | åtte
n10: ti
o1: første
o2: anden | andre
o3: tredje
ago: siden | for siden
in: om | inden for
later: senere
fill: den | på | i | af | av
sfx: e | te
h12-25: juledag | 1. juledag | første juledag | jul
h12-24: juleaften | julaften
h1-1: nytårsdag | nyttårsdag | nytår | nyttår
easter: påske | påskedag | påskesøndag | første påskedag
";

pub(crate) const DA: &str = "
d0: i dag | idag | nu | i aften
d-1: i går | igår | i går aftes
d1: i morgen | imorgen
d-2: i forgårs | forgårs
d2: i overmorgen | overmorgen
s-1: sidste | forrige | seneste
s1: næste | kommende | følgende
s0: denne | dette | den her | nuværende
fut: vil | skal | bliver
past: var | havde | har | igår
";

pub(crate) const NB: &str = "
d0: i dag | idag | nå | i kveld
d-1: i går | igår | i går kveld
d1: i morgen | imorgen
d-2: i forigårs | forigårs
d2: i overimorgen | overimorgen
s-1: forrige | siste | sist
s1: neste | kommende | følgende
s0: denne | dette | den her | inneværende
y-1: i fjor
y0: i år
fut: vil | skal | blir
past: var | hadde | har | igår
";

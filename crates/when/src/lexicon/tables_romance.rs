//! French, Spanish, Catalan, Italian, Portuguese, Romanian. Format: see `mod.rs`.

pub(crate) const FR: &str = "
easter-2: vendredi saint
easter+1: lundi de pâques
easter+39: ascension | jeudi de l'ascension
easter+49: pentecôte
easter+50: lundi de pentecôte
easter-47: mardi gras
d1: lendemain
edge: fin | la fin | début | le début | milieu | le milieu | mi
after: après | à partir de
prior: avant
at: à | vers | a
part: h | heures | heure | du matin | du soir | de l'après-midi | matin | soir | midi | minuit
uhour: heure | heures
uminute: minute | minutes | min
h10-31: halloween
h2-14: saint-valentin | la saint-valentin
h1-6: épiphanie
h11-1: toussaint | la toussaint
h8-15: assomption
m1: janvier | ~janv | ~jan
m2: février | ~févr | ~fév | ~fev
m3: mars
m4: avril | ~avr
m5: mai
m6: juin
m7: juillet | ~juil | ~jui
m8: août
m9: septembre | ~sept | ~sep
m10: octobre | ~oct
m11: novembre | ~nov
m12: décembre | ~déc | ~dec
w1: lundi | ~lun
w2: mardi | ~mar
w3: mercredi | ~mer
w4: jeudi | ~jeu
w5: vendredi | ~ven
w6: samedi | ~sam
w7: dimanche | ~dim
d0: aujourd'hui | ce jour | ce soir | ce matin | maintenant | en ce moment | dans la journée | ce jour-là
d-1: hier | hier soir | la veille
d1: demain | demain matin | demain soir | le lendemain
d-2: avant-hier | avant hier
d2: après-demain | après demain | le surlendemain
s-1: dernier | dernière | derniers | dernières | passé | passée | précédent | précédente
s1: prochain | prochaine | prochains | suivant | suivante | qui vient
s0: ce | cet | cette | courant | en cours
uday: jour | jours | journée
uweek: semaine | semaines
umonth: mois
uyear: an | ans | année | années
n1: un | une
n2: deux
n3: trois
n4: quatre
n5: cinq
n6: six
n7: sept
n8: huit
n9: neuf
n10: dix
n15: quinze
o1: premier | première | 1er | 1re
o2: deuxième | second | seconde
o3: troisième
ago: plus tôt | auparavant
before: il y a | voici
in: dans | d'ici | en
later: plus tard | après
fill: le | la | l' | de | du | des | d' | en | au | à
sfx: er | re | e | ème | eme
h12-25: noël | jour de noël
h12-24: réveillon de noël | veille de noël
h1-1: jour de l'an | nouvel an | premier de l'an
h12-31: saint-sylvestre | saint sylvestre
h5-1: fête du travail
h7-14: fête nationale | quatorze juillet
h11-11: armistice
easter: pâques | dimanche de pâques
fut: va | vont | vais | allons | -ra | -ront | -rai | -rons | -rez | prochain | prochaine | demain
past: a | ont | était | étaient | avait | avaient | fut | -é | -ée | -és | -ées | hier | dernier | dernière
";

pub(crate) const ES: &str = "
easter-2: viernes santo
easter-3: jueves santo
easter+49: pentecostés
easter-46: miércoles de ceniza
edge: fin | final | el final | finales | principio | principios | inicio | mediados | a finales | a principios | a mediados
after: después de | a partir de
prior: antes de
at: a las | a la | sobre las | hacia las
part: de la mañana | de la tarde | de la noche | por la mañana | por la tarde | por la noche | h | horas
uhour: hora | horas
uminute: minuto | minutos | min
h10-31: halloween
h2-14: san valentín | día de san valentín | día de los enamorados
h1-6: día de reyes | reyes | epifanía
h11-1: día de todos los santos | todos los santos
h10-12: día de la hispanidad
m1: enero | ~ene
m2: febrero | ~feb
m3: marzo | ~mar
m4: abril | ~abr
m5: mayo | ~may
m6: junio | ~jun
m7: julio | ~jul
m8: agosto | ~ago
m9: septiembre | setiembre | ~sep | ~sept
m10: octubre | ~oct
m11: noviembre | ~nov
m12: diciembre | ~dic
w1: lunes | ~lu
w2: martes | ~ma
w3: miércoles | ~mi
w4: jueves | ~ju
w5: viernes | ~vi
w6: sábado | ~sa
w7: domingo | ~do
d0: hoy | esta noche | esta mañana | esta tarde | ahora | ahora mismo | en este momento | este día
d-1: ayer | anoche | la víspera
d1: mañana | mañana por la mañana
d-2: anteayer | antier | antes de ayer
d2: pasado mañana
s-1: pasado | pasada | último | última | anterior
s1: próximo | próxima | que viene | siguiente | entrante
s0: este | esta | actual | en curso
uday: día | días
uweek: semana | semanas
umonth: mes | meses
uyear: año | años
n1: un | una | uno
n2: dos
n3: tres
n4: cuatro
n5: cinco
n6: seis
n7: siete
n8: ocho
n9: nueve
n10: diez
n11: once
o1: primero | primera
o2: segundo | segunda
o3: tercero | tercera | tercer
ago: atrás | antes
before: hace
in: en | dentro de
later: después | más tarde
fill: el | la | los | las | de | del | a | al
sfx: º | ª | o | a
h12-25: navidad | día de navidad
h12-24: nochebuena
h1-1: año nuevo | día de año nuevo
h12-31: nochevieja
h5-1: día del trabajo | día del trabajador
easter: pascua | domingo de pascua | domingo de resurrección
fut: va a | van a | voy a | -rá | -rán | -ré | -remos | próximo | próxima | mañana
past: fue | fueron | era | había | -ó | -aron | -ieron | ayer | pasado | pasada
";

pub(crate) const CA: &str = "
m1: gener | ~gen
m2: febrer | ~febr
m3: març
m4: abril | ~abr
m5: maig
m6: juny
m7: juliol | ~jul
m8: agost | ~ag
m9: setembre | ~set
m10: octubre | ~oct
m11: novembre | ~nov
m12: desembre | ~des
w1: dilluns | ~dl
w2: dimarts | ~dt
w3: dimecres | ~dc
w4: dijous | ~dj
w5: divendres | ~dv
w6: dissabte | ~ds
w7: diumenge | ~dg
d0: avui | ara | aquesta nit | aquest matí | en aquest moment
d-1: ahir | ahir a la nit
d1: demà | demà al matí
d-2: abans-d'ahir | abans d'ahir | abans d ahir
d2: demà passat
s-1: passat | passada | últim | última | anterior
s1: vinent | pròxim | pròxima | que ve | següent
s0: aquest | aquesta | aquests | actual
uday: dia | dies
uweek: setmana | setmanes
umonth: mes | mesos
uyear: any | anys
n1: un | una
n2: dos | dues
n3: tres
n4: quatre
n5: cinc
o1: primer | primera
ago: enrere
before: fa
in: en | d'aquí a | d'aqui a
later: després | més tard
fill: el | la | de | del | d' | l'
sfx: r | n | t | è
h12-25: nadal | dia de nadal
h1-1: cap d'any | any nou
easter: pasqua
fut: -rà | -ran | anirà | vinent
past: va | van | era | ahir | passat | passada
";

pub(crate) const IT: &str = "
easter+1: pasquetta | lunedì dell'angelo
easter-2: venerdì santo
easter+49: pentecoste
edge: fine | la fine | inizio | l'inizio | metà | primi | fine di
after: dopo | a partire da
prior: prima di
at: alle | all' | verso le | alla
part: di mattina | di sera | del pomeriggio | di notte | mattina | sera | notte | pomeriggio
uhour: ora | ore
uminute: minuto | minuti | min
h10-31: halloween
h2-14: san valentino
h1-6: epifania | befana
h11-1: ognissanti | tutti i santi
h11-2: giorno dei morti | commemorazione dei defunti
h12-26: santo stefano
h3-19: san giuseppe | festa del papà
h6-2: festa della repubblica
m1: gennaio | ~gen
m2: febbraio | ~feb
m3: marzo | ~mar
m4: aprile | ~apr
m5: maggio | ~mag
m6: giugno | ~giu
m7: luglio | ~lug
m8: agosto | ~ago
m9: settembre | ~set | ~sett
m10: ottobre | ~ott
m11: novembre | ~nov
m12: dicembre | ~dic
w1: lunedì | lunedi | ~lun
w2: martedì | martedi | ~mar
w3: mercoledì | mercoledi | ~mer
w4: giovedì | giovedi | ~gio
w5: venerdì | venerdi | ~ven
w6: sabato | ~sab
w7: domenica | ~dom
d0: oggi | stasera | stamattina | ora | adesso | in questo momento | questo giorno | oggigiorno
d-1: ieri | ieri sera | la vigilia | ieri mattina
d1: domani | domani mattina | domani sera | l'indomani
d-2: l'altro ieri | altro ieri | ieri l'altro | avantieri | l'altroieri | altroieri
d2: dopodomani | dopo domani
s-1: scorso | scorsa | passato | passata | ultimo | ultima | precedente
s1: prossimo | prossima | successivo | successiva | venturo | ventura | che viene
s0: questo | questa | quest' | corrente | in corso
uday: giorno | giorni
uweek: settimana | settimane
umonth: mese | mesi
uyear: anno | anni
n1: un | uno | una | un'
n2: due
n3: tre
n4: quattro
n5: cinque
n6: sei
n7: sette
n8: otto
n9: nove
n10: dieci
o1: primo | prima
o2: secondo | seconda
o3: terzo | terza
ago: fa | prima
in: tra | fra | entro
later: dopo | più tardi
fill: il | lo | la | l' | di | del | della | dell' | al | alla | a
sfx: º | ª | o
h12-25: natale | giorno di natale
h12-24: vigilia di natale
h1-1: capodanno
h12-31: san silvestro
h8-15: ferragosto
h4-25: festa della liberazione
h5-1: festa dei lavoratori | primo maggio
easter: pasqua
fut: -rà | -ranno | -rò | -remo | prossimo | prossima | domani
past: ha | hanno | era | erano | aveva | fu | -ato | -ata | -ito | -uto | ieri | scorso | scorsa
";

pub(crate) const PT: &str = "
easter-2: sexta-feira santa | sexta feira santa
easter-47: carnaval | terça-feira de carnaval
easter+60: corpus christi
edge: fim | o fim | final | o final | início | o início | meados | em meados
after: depois de | após | a partir de
prior: antes de
at: às | as | por volta das
part: da manhã | da tarde | da noite | h | horas
uhour: hora | horas
uminute: minuto | minutos | min
h10-31: halloween
h6-12: dia dos namorados
h11-2: finados | dia de finados
h11-15: proclamação da república
m1: janeiro | ~jan
m2: fevereiro | ~fev
m3: março | ~mar
m4: abril | ~abr
m5: maio | ~mai
m6: junho | ~jun
m7: julho | ~jul
m8: agosto | ~ago
m9: setembro | ~set
m10: outubro | ~out
m11: novembro | ~nov
m12: dezembro | ~dez
w1: segunda-feira | segunda feira | segunda | ~seg
w2: terça-feira | terça feira | terça | ~ter
w3: quarta-feira | quarta feira | quarta | ~qua
w4: quinta-feira | quinta feira | quinta | ~qui
w5: sexta-feira | sexta feira | sexta | ~sex
w6: sábado | ~sáb | ~sab
w7: domingo | ~dom
d0: hoje | agora | nesse momento | neste momento | esta noite | hoje à noite | este dia
d-1: ontem | ontem à noite | véspera
d1: amanhã | amanhã de manhã
d-2: anteontem | antes de ontem
d2: depois de amanhã
s-1: passado | passada | último | última | anterior
s1: próximo | próxima | que vem | seguinte
s0: este | esta | neste | nesta | atual | corrente
uday: dia | dias
uweek: semana | semanas
umonth: mês | meses
uyear: ano | anos
n1: um | uma
n2: dois | duas
n3: três
n4: quatro
n5: cinco
n6: seis
n7: sete
n8: oito
n9: nove
n10: dez
o1: primeiro | primeira
o2: segundo
o3: terceiro
ago: atrás | antes
before: há | faz
in: em | dentro de | daqui a
later: depois | mais tarde
fill: o | a | de | do | da | no | na | em
sfx: º | ª | o
h12-25: natal | dia de natal
h12-24: véspera de natal
h1-1: ano novo | dia de ano novo
h12-31: réveillon
h4-21: tiradentes
h9-7: independência
easter: páscoa
fut: vai | vão | vou | -rá | -rão | -rei | -remos | próximo | próxima | amanhã
past: foi | foram | era | tinha | -ou | -aram | -eram | -iu | ontem | passado | passada
";

pub(crate) const RO: &str = "
m1: ianuarie | ~ian
m2: februarie | ~feb
m3: martie | ~mar
m4: aprilie | ~apr
m5: mai
m6: iunie | ~iun
m7: iulie | ~iul
m8: august | ~aug
m9: septembrie | ~sep | ~sept
m10: octombrie | ~oct
m11: noiembrie | ~noi
m12: decembrie | ~dec
w1: luni
w2: marți | marti
w3: miercuri
w4: joi
w5: vineri
w6: sâmbătă | sambata | sâmbăta
w7: duminică | duminica
d0: azi | astăzi | acum | în seara asta
d-1: ieri | aseară
d1: mâine | maine
d-2: alaltăieri
d2: poimâine | poimaine
s-1: trecut | trecută | trecuta | ultima | ultimul
s1: viitor | viitoare | următor | următoare | urmatoare | urmator
s0: acest | această | aceasta | asta
uday: zi | zile
uweek: săptămână | săptămâna | saptamana | săptămâni
umonth: lună | luna | luni
uyear: an | ani | anul
n1: o | un | una
n2: doi | două
n3: trei
ago: în urmă
before: acum
in: în | peste
fill: pe | de | din | lui
sfx: lea
h12-25: crăciun | craciun | ziua de crăciun
h1-1: anul nou
easter: paște | paști | paste
fut: va | vor | voi | vom
past: a | au | era | fost
";

//! Turkish, Hungarian, Greek, Arabic, Hebrew, Vietnamese, and what every language
//! shares. Format: see `mod.rs`.

/// Read in every language.
pub(crate) const SHARED: &str = "
sfx: º | ª
";

pub(crate) const TR: &str = "
edge: sonu | sonunda | başı | başında | ortası | ortasında
at: saat
part: sabah | akşam | gece | öğleden sonra
uhour: saat | saatte
uminute: dakika | dakikada
m1: ocak | ocakta | ~oca
m2: şubat | şubatta | ~şub
m3: mart | martta | ~mar
m4: nisan | nisanda | ~nis
m5: mayıs | mayısta | ~may
m6: haziran | haziranda | ~haz
m7: temmuz | temmuzda | ~tem
m8: ağustos | ağustosta | ~ağu
m9: eylül | eylülde | ~eyl
m10: ekim | ekimde | ~eki
m11: kasım | kasımda | ~kas
m12: aralık | aralıkta | ~ara
w1: pazartesi | pazartesiye | pazartesinden | ~pzt
w2: salı | salıya | salıdan | ~sal
w3: çarşamba | çarşambaya | çarşambadan | ~çar
w4: perşembe | perşembeye | perşembeden | ~per
w5: cuma | cumaya | cumadan | ~cum
w6: cumartesi | cumartesiye | cumartesinden | ~cmt
w7: pazar | pazara | pazardan | ~paz
d0: bugün | şimdi | bu akşam | bu gece | bu sabah | şu anda | bugünkü
d-1: dün | dün akşam | dün gece | dünkü
d1: yarın | yarın sabah | yarınki
d-2: önceki gün | evvelsi gün | evvelki gün
d2: öbür gün | yarından sonraki gün
s-1: geçen | geçtiğimiz | önceki | son | evvelki
s1: gelecek | önümüzdeki | sonraki | bir sonraki
s0: bu | şu | içinde bulunduğumuz
uday: gün | günü | gündür
uweek: hafta | haftası | haftadır
umonth: ay | ayı | aydır
uyear: yıl | yılı | sene | senesi | yıldır
n1: bir
n2: iki
n3: üç
n4: dört
n5: beş
n6: altı
n7: yedi
n8: sekiz
n9: dokuz
n10: on
ago: önce | evvel
in: içinde | zarfında
later: sonra | içinde
fill: ayın | tarihinde | günü | de | da | yılının
sfx: inci | ıncı | üncü | uncu | nci | ncı
h12-25: noel
h1-1: yılbaşı | yeni yıl
h10-29: cumhuriyet bayramı
h4-23: ulusal egemenlik ve çocuk bayramı
fut: -ecek | -acak | -ecekler | -acaklar | -ecektir | -acaktır | gelecek | yarın
past: -di | -dı | -du | -dü | -ti | -tı | -tu | -tü | dün | geçen
";

pub(crate) const HU: &str = "
m1: január | januárban | január- | ~jan
m2: február | februárban | ~feb | ~febr
m3: március | márciusban | ~márc | ~már
m4: április | áprilisban | ~ápr
m5: május | májusban | ~máj
m6: június | júniusban | ~jún
m7: július | júliusban | ~júl
m8: augusztus | augusztusban | ~aug
m9: szeptember | szeptemberben | ~szept | ~szep
m10: október | októberben | ~okt
m11: november | novemberben | ~nov
m12: december | decemberben | ~dec
w1: hétfő | hétfőn | hétfőt | ~hét | ~h
w2: kedd | kedden | keddet | ~k
w3: szerda | szerdán | szerdát | ~sze
w4: csütörtök | csütörtökön | csütörtököt | ~csüt | ~cs
w5: péntek | pénteken | pénteket | ~pén | ~p
w6: szombat | szombaton | szombatot | ~szo
w7: vasárnap | vasárnapot | ~vas | ~v
d0: ma | most | ma este | ma reggel | mai | mai nap | ezen a napon
d-1: tegnap | tegnap este | tegnapi
d1: holnap | holnapi
d-2: tegnapelőtt
d2: holnapután
s-1: múlt | múlt heti | előző | elmúlt | legutóbbi | tavalyi
s1: jövő | következő | jövő heti
y-1: tavaly
y0: idén
y1: jövőre
s0: ez | ezen | e | idei | ebben
uday: nap | napja | napon | napot | nappal
uweek: hét | hete | héten | hetet | héttel
umonth: hónap | hónapja | hónapban | hónapot | hónappal | havi
uyear: év | éve | évben | évet | évvel
n1: egy
n2: két | kettő
n3: három
n4: négy
n5: öt
ago: ezelőtt | előtt | korábban
in: múlva
later: múlva | később | után
fill: a | az | én | án | -án | -én | -i | jén | ján | ai | ei
h12-25: karácsony | karácsonykor
h1-1: újév | újév napja
h3-15: nemzeti ünnep
easter: húsvét | húsvétkor | húsvétvasárnap
fut: lesz | lesznek | fog | fogja | fognak | jövő | holnap
past: volt | voltak | tegnap | múlt | -tt | -ott | -ett | -ött
";

pub(crate) const EL: &str = "
after: μετά από | μετά τα | μετά το | μετά
prior: πριν από | πριν τα
y-1: πέρυσι | πέρσι
y0: φέτος
y1: του χρόνου | τουχρόνου
m1: γενάρης | γενάρη | ιανουάριον
m2: φλεβάρης | φλεβάρη | φεβρουάριον
m3: μάρτης | μάρτη | μάρτιον
m4: απρίλης | απρίλη | απρίλιον
m5: μάης | μάη | μαΐου | μάιον
m6: ιούνης | ιούνη | ιούνιον
m7: ιούλης | ιούλη | ιούλιον
m8: αυγούστου | αύγουστον
m9: σεπτέμβρης | σεπτέμβρη | σεπτέμβριον
m10: οκτώβρης | οκτώβρη | οκτώβριον
m11: νοέμβρης | νοέμβρη | νοέμβριον
m12: δεκέμβρης | δεκέμβρη | δεκέμβριον
o1: πρώτη | πρώτο | πρώτος
o2: δεύτερη | δεύτερο
o3: τρίτη | τρίτο
o4: τέταρτη | τέταρτο
o5: πέμπτη | πέμπτο
sfx: η | ης | ου
h10-31: halloween
h2-14: του αγίου βαλεντίνου | ημέρα του αγίου βαλεντίνου | αγίου βαλεντίνου
h12-31: παραμονή πρωτοχρονιάς | παραμονές πρωτοχρονιάς
h3-25: ευαγγελισμός της θεοτόκου | ευαγγελισμού της θεοτόκου
m1: ιανουάριος | ιανουαρίου | ιανουάριο | ~ιαν
m2: φεβρουάριος | φεβρουαρίου | φεβρουάριο | ~φεβ
m3: μάρτιος | μαρτίου | μάρτιο | ~μαρ
m4: απρίλιος | απριλίου | απρίλιο | ~απρ
m5: μάιος | μαΐου | μαίου | μάιο | ~μαι
m6: ιούνιος | ιουνίου | ιούνιο | ~ιουν
m7: ιούλιος | ιουλίου | ιούλιο | ~ιουλ
m8: αύγουστος | αυγούστου | αύγουστο | ~αυγ
m9: σεπτέμβριος | σεπτεμβρίου | σεπτέμβριο | ~σεπ
m10: οκτώβριος | οκτωβρίου | οκτώβριο | ~οκτ
m11: νοέμβριος | νοεμβρίου | νοέμβριο | ~νοε
m12: δεκέμβριος | δεκεμβρίου | δεκέμβριο | ~δεκ
w1: δευτέρα | ~δευ
w2: τρίτη | ~τρι
w3: τετάρτη | ~τετ
w4: πέμπτη | ~πεμ
w5: παρασκευή | ~παρ
w6: σάββατο | ~σαβ
w7: κυριακή | ~κυρ
d0: σήμερα | τώρα | απόψε | αυτή τη στιγμή | σημερινή
d-1: χθες | εχθές | χτες | χθεσινή
d1: αύριο | αυριανή
d-2: προχθές | προχτές
d2: μεθαύριο
s-1: περασμένη | περασμένο | περασμένος | περασμένης | περασμένου | προηγούμενη | προηγούμενο | προηγούμενος | τελευταία
s1: επόμενη | επόμενο | επόμενος | επόμενης | ερχόμενη | ερχόμενο | ερχόμενος | ερχόμενης | προσεχή | προσεχές | μεθεπόμενη
s0: αυτή | αυτό | αυτός | αυτής | αυτού | τρέχουσα | τρέχων | φέτος
uday: μέρα | ημέρα | μέρες | ημέρες | μέρας | ημέρας | ημερών
uweek: εβδομάδα | εβδομάδες | εβδομάδας | εβδομάδων | βδομάδα | βδομάδες | βδομάδας
umonth: μήνα | μήνας | μήνες | μηνών
uyear: χρόνο | χρόνος | χρόνια | έτος | έτη | χρονιά
n1: ένα | μία | μια | έναν
n2: δύο | δυο
n3: τρεις | τρία
n4: τέσσερις | τέσσερα
n5: πέντε
ago: πριν | πίσω
before: πριν από | πριν
in: σε | μέσα σε
later: αργότερα | μετά
fill: η | ο | το | την | τη | του | της | στις | στην | στο | των
h12-25: χριστούγεννα
h1-1: πρωτοχρονιά
h3-25: 25η μαρτίου
easter: πάσχα
fut: θα
past: ήταν | είχε | χθες
";

pub(crate) const AR: &str = "
prefix: و | ب | ل | ف
o1: الاول | الأول | اول | أول
o2: الثاني | ثاني
o3: الثالث | ثالث
m3: اذار
after: بعد
m1: يناير | كانون الثاني | جانفي
m2: فبراير | شباط | فيفري
m3: مارس | آذار
m4: أبريل | ابريل | نيسان | أفريل
m5: مايو | أيار | ماي
m6: يونيو | حزيران | جوان
m7: يوليو | تموز | جويلية
m8: أغسطس | اغسطس | آب | أوت
m9: سبتمبر | أيلول
m10: أكتوبر | اكتوبر | تشرين الأول
m11: نوفمبر | تشرين الثاني
m12: ديسمبر | كانون الأول
w1: الاثنين | الإثنين | الأثنين | اثنين
w2: الثلاثاء | ثلاثاء
w3: الأربعاء | الاربعاء | اربعاء
w4: الخميس | خميس
w5: الجمعة | الجمعه | جمعة
w6: السبت | سبت
w7: الأحد | الاحد | أحد
d0: اليوم | الآن | هذا اليوم | في هذا اليوم | الليلة | هذه الليلة
d-1: أمس | امس | البارحة | الأمس | اليوم الماضي | اليوم السابق | اليوم المنصرم | ليلة أمس
d1: غدا | غداً | الغد | بكرة | بكرا
d-2: أول أمس | أول من أمس
d2: بعد غد | بعد الغد
s-1: الماضي | الماضية | السابق | السابقة | المنصرم | المنصرمة | الفائت | الفائتة | الأخير | الأخيرة
s1: القادم | القادمة | المقبل | المقبلة | التالي | التالية | الجاي
s0: هذا | هذه | الحالي | الحالية | الجاري | الجارية
uday: يوم | أيام | يومين | اليوم
uweek: أسبوع | أسابيع | الأسبوع | اسبوع | الاسبوع | أسبوعين
umonth: شهر | أشهر | شهور | الشهر | شهرين
uyear: سنة | سنوات | عام | أعوام | السنة | العام | سنتين | عامين
n1: واحد
n2: اثنين | اثنان
n3: ثلاثة | ثلاث
ago: مضت | خلت
before: قبل | منذ
in: خلال | في غضون | بعد
fill: في | يوم | من
h12-25: عيد الميلاد
h1-1: رأس السنة
fut: سوف | سي
past: كان | كانت
";

pub(crate) const HE: &str = "
prefix: ב | ל | ה | ו | מ | ש
m1: ינואר | בינואר
m2: פברואר | בפברואר
m3: מרץ | במרץ | מרס
m4: אפריל | באפריל
m5: מאי | במאי
m6: יוני | ביוני
m7: יולי | ביולי
m8: אוגוסט | באוגוסט
m9: ספטמבר | בספטמבר
m10: אוקטובר | באוקטובר
m11: נובמבר | בנובמבר
m12: דצמבר | בדצמבר
w1: יום שני | שני | ביום שני
w2: יום שלישי | שלישי | ביום שלישי
w3: יום רביעי | רביעי | ביום רביעי
w4: יום חמישי | חמישי | ביום חמישי
w5: יום שישי | שישי | ביום שישי
w6: שבת | יום שבת | בשבת
w7: יום ראשון | ראשון | ביום ראשון
d0: היום | עכשיו | הלילה | כעת
d-1: אתמול | אמש
d1: מחר
d-2: שלשום
d2: מחרתיים
s-1: שעבר | הקודם | הקודמת | האחרון | האחרונה
s1: הבא | הבאה | הקרוב | הקרובה
s0: הזה | הזאת | הזו | הנוכחי | הנוכחית
uday: יום | ימים | יומיים
uweek: שבוע | שבועות | שבועיים | השבוע
umonth: חודש | חודשים | חודשיים | החודש
uyear: שנה | שנים | שנתיים | השנה
ago: לפני
in: בעוד | תוך
fill: ב | ה | של | עד
h1-1: ראש השנה האזרחית
fut: יהיה | תהיה | יהיו
past: היה | הייתה | היו
";

pub(crate) const VI: &str = "
m1: tháng một | tháng giêng
m2: tháng hai
m3: tháng ba
m4: tháng tư
m5: tháng năm
m6: tháng sáu
m7: tháng bảy
m8: tháng tám
m9: tháng chín
m10: tháng mười
m11: tháng mười một
m12: tháng mười hai
w1: thứ hai | thứ 2
w2: thứ ba | thứ 3
w3: thứ tư | thứ 4
w4: thứ năm | thứ 5
w5: thứ sáu | thứ 6
w6: thứ bảy | thứ 7
w7: chủ nhật | chủ nhựt
d0: hôm nay | bây giờ | ngay bây giờ | tối nay | lúc này
d-1: hôm qua | ngày hôm qua
d1: ngày mai | mai
d-2: hôm kia
d2: ngày kia | ngày mốt
s-1: trước | vừa rồi | vừa qua | rồi
s1: tới | sau | kế tiếp
s0: này | nay
uday: ngày
uweek: tuần
umonth: tháng
uyear: năm
ago: trước | cách đây
in: trong | sau
fill: vào | ngày | năm
fut: sẽ
past: đã
";

pub(crate) const HI: &str = "
m1: जनवरी
m2: फरवरी | फ़रवरी
m3: मार्च
m4: अप्रैल | अप्रेल
m5: मई
m6: जून
m7: जुलाई
m8: अगस्त
m9: सितंबर | सितम्बर
m10: अक्टूबर | अक्तूबर
m11: नवंबर | नवम्बर
m12: दिसंबर | दिसम्बर
w1: सोमवार | सोम
w2: मंगलवार | मंगल
w3: बुधवार | बुध
w4: गुरुवार | वीरवार | गुरु
w5: शुक्रवार | शुक्र
w6: शनिवार | शनि
w7: रविवार | इतवार | रवि
d0: आज | अभी | आज रात
e1: कल
e2: परसों
s-1: पिछले | पिछला | पिछली | गत | बीते | पिछले साल
s1: अगले | अगला | अगली | आगामी | आने वाले
s0: इस | यह | इसी
uday: दिन | दिनों
uweek: सप्ताह | हफ्ते | हफ़्ते | हफ्ता | हफ़्ता
umonth: महीने | महीना | माह | महीनों
uyear: साल | वर्ष | सालों | वर्षों
uhour: घंटे | घंटा | घंटों
uminute: मिनट | मिनटों
n1: एक
n2: दो
n3: तीन
n4: चार
n5: पांच | पाँच
ago: पहले
later: बाद | बाद में | में
fill: को | के | की | का | से | में
edge: अंत | शुरुआत | शुरू | मध्य
at: सुबह | शाम | रात | दोपहर
part: बजे
fut: -गा | -गी | -गे | होगा | होगी
past: था | थी | थे | हुआ | हुई | गया | गई
";

pub(crate) const FI: &str = "
m1: tammikuu | tammikuuta | tammikuussa
m2: helmikuu | helmikuuta | helmikuussa
m3: maaliskuu | maaliskuuta | maaliskuussa
m4: huhtikuu | huhtikuuta | huhtikuussa
m5: toukokuu | toukokuuta | toukokuussa
m6: kesäkuu | kesäkuuta | kesäkuussa
m7: heinäkuu | heinäkuuta | heinäkuussa
m8: elokuu | elokuuta | elokuussa
m9: syyskuu | syyskuuta | syyskuussa
m10: lokakuu | lokakuuta | lokakuussa
m11: marraskuu | marraskuuta | marraskuussa
m12: joulukuu | joulukuuta | joulukuussa
w1: maanantai | maanantaina
w2: tiistai | tiistaina
w3: keskiviikko | keskiviikkona
w4: torstai | torstaina
w5: perjantai | perjantaina
w6: lauantai | lauantaina
w7: sunnuntai | sunnuntaina
d0: tänään | nyt
d-1: eilen
d1: huomenna
uday: päivä | päivää
uweek: viikko | viikkoa
umonth: kuukausi | kuukautta
uyear: vuosi | vuotta
ago: sitten
";

pub(crate) const ID: &str = "
m1: januari
m2: februari | pebruari
m3: maret
m4: april
m5: mei
m6: juni
m7: juli
m8: agustus
m9: september
m10: oktober
m11: november | nopember
m12: desember
w1: senin
w2: selasa
w3: rabu
w4: kamis
w5: jumat | jum'at
w6: sabtu
w7: minggu
d0: hari ini | sekarang
d-1: kemarin
d1: besok
uday: hari
uweek: minggu | pekan
umonth: bulan
uyear: tahun
ago: lalu | yang lalu
later: lagi | kemudian
";

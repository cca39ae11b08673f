//! Page shapes the first-choice container misses, each written for this test in its
//! own language: an article split over sibling containers, teasers after a visible
//! label, furniture named in other languages, an article that sits only in an
//! `<aside>`, and a page of one short line.

use storyline_extract::{explain_main_content, ExtractConfig, Extractor};
use storyline_model::{Body, Origin, RawDocument};

fn text_of(html: &str) -> String {
    let raw = RawDocument::new(
        Origin::file("p.html"),
        "p",
        Body::Html(html.to_string()),
        "UTF-8",
    );
    match ExtractConfig::default().build().extract(raw) {
        Ok(article) => article.text,
        Err(e) => panic!("{e}"),
    }
}

/// A German report whose lead, body and closing paragraphs sit in three sibling
/// containers, with an ad marked `anzeige` and teasers after "Lesen Sie auch".
const GERMAN_SPLIT: &str = r#"<html><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
<main><div class="wrap">
  <div class="lead"><p>Nach dem Hochwasser an der Oder hat der Landkreis am Dienstag eine Bilanz der Schäden vorgelegt, die höher ausfällt als zunächst befürchtet.</p></div>
  <div class="body">
    <p>Rund 240 Häuser seien beschädigt worden, sagte die Landrätin bei einer Pressekonferenz in der Kreisstadt, viele davon im Erdgeschoss.</p>
    <p>Besonders betroffen sind die Dörfer am Deich, wo das Wasser in der Nacht zum Sonntag über die Krone lief und Keller und Gärten flutete.</p>
    <p>Die Feuerwehren aus vier Landkreisen pumpten bis Montagabend, unterstützt vom Technischen Hilfswerk und von vielen freiwilligen Helfern.</p>
  </div>
  <div class="anzeige"><p>Jetzt den neuen Tarif sichern und bis zu hundert Euro im Jahr sparen, nur diese Woche.</p></div>
  <div class="tail"><p>Für die Betroffenen richtet der Kreis ein Spendenkonto ein; die ersten Auszahlungen sollen noch vor Weihnachten erfolgen.</p></div>
  <div class="more">
    <h3>Lesen Sie auch</h3>
    <div class="card"><a href="/a">Pegel an der Elbe steigen wieder</a><p>In Dresden bereitet sich die Stadt auf einen höheren Wasserstand vor, der am Freitag erwartet wird.</p></div>
    <div class="card"><a href="/b">Deichbau kommt nur langsam voran</a><p>Das Land hat die Mittel für neue Deiche aufgestockt, doch viele Vorhaben stecken noch in der Planung.</p></div>
  </div>
</div></main>
<footer><p>© Lokalzeitung. Alle Rechte vorbehalten.</p></footer>
</body></html>"#;

#[test]
fn an_article_split_over_sibling_containers_is_read_whole() {
    let text = text_of(GERMAN_SPLIT);
    for part in ["Nach dem Hochwasser", "Rund 240 Häuser", "Spendenkonto"] {
        assert!(text.contains(part), "missing {part:?}: {text}");
    }
    for furniture in ["neuen Tarif", "Lesen Sie auch", "Dresden", "Deichbau", "©"] {
        assert!(!text.contains(furniture), "kept {furniture:?}: {text}");
    }
}

#[test]
fn teasers_after_a_label_in_another_script_are_dropped() {
    let html = r#"<html><body><div class="page"><div class="content">
      <div class="text">
        <p>Міська рада Львова у четвер ухвалила програму ремонту шкіл, на яку цього року спрямують понад двісті мільйонів гривень.</p>
        <p>Першими відремонтують укриття та харчоблоки, сказав міський голова, додавши, що роботи мають завершитися до першого вересня.</p>
      </div>
      <div class="extra"><p>Депутати також погодили нові правила паркування в центрі міста, які запрацюють з наступного місяця.</p></div>
      <div class="teasers">
        <div class="t">Читайте також:</div>
        <div class="t"><p>У Тернополі відкрили новий міст через річку, який з'єднав два райони міста після трьох років будівництва.</p></div>
        <div class="t"><p>В Ужгороді стартував фестиваль вина, на який приїхали виробники з усього Закарпаття та з-за кордону.</p></div>
      </div>
    </div></div></body></html>"#;
    let text = text_of(html);
    assert!(text.contains("Міська рада Львова"), "{text}");
    assert!(text.contains("правила паркування"), "{text}");
    for teaser in ["Читайте також", "Тернополі", "Ужгороді"] {
        assert!(!text.contains(teaser), "kept {teaser:?}: {text}");
    }
}

#[test]
fn an_article_only_in_an_aside_is_found_by_the_second_pass() {
    let html = r#"<html><body><nav><a href="/">Accueil</a></nav>
      <aside class="colonne"><h1>Le port de Brest s'agrandit</h1>
      <p>Le conseil régional a voté jeudi l'extension du port de commerce, un chantier de trois ans qui doit accueillir de plus grands navires.</p>
      <p>Les travaux commenceront au printemps, a précisé la présidente de région, et créeront près de deux cents emplois sur le site.</p>
      </aside></body></html>"#;
    let text = text_of(html);
    assert!(text.starts_with("Le conseil régional"), "{text}");
    assert!(text.contains("deux cents emplois"), "{text}");
    assert!(!text.contains("Accueil"), "{text}");
}

#[test]
fn one_short_line_is_an_article() {
    let text = text_of("<html><body><p>Sejm przyjął ustawę. (12 maja 2023)</p></body></html>");
    assert_eq!(text, "Sejm przyjął ustawę. (12 maja 2023)");
}

#[test]
fn explain_says_why_each_block_was_kept_or_dropped() {
    let report = explain_main_content(GERMAN_SPLIT);
    let line = |needle: &str| {
        report
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line for {needle:?} in:\n{report}"))
            .to_string()
    };
    assert!(line("Rund 240 Häuser").starts_with("KEEP"), "{report}");
    assert!(
        line("Nach dem Hochwasser").contains("prose beside"),
        "{report}"
    );
    assert!(line("Pegel an der Elbe").starts_with("drop"), "{report}");
    assert!(line("Dresden").contains("label"), "{report}");
    assert!(
        line("neuen Tarif").contains("marked as furniture"),
        "{report}"
    );
}

#[test]
fn ruby_readings_and_soft_hyphens_are_not_text() {
    let html = "<html><body><article><p><ruby>子<rt>こ</rt></ruby>どもの<ruby>法律<rp>(</rp><rt>ほうりつ</rt><rp>)</rp></ruby>ができました。\
        <ruby>児童<rt>じどう</rt></ruby>を<ruby>守<rt>まも</rt></ruby>るための<ruby>新<rt>あたら</rt></ruby>しい<ruby>決<rt>き</rt></ruby>まりです。</p>\
        <p>Die Wehr\u{ad}an\u{ad}lage am Fluss wird im Som\u{ad}mer für Be\u{ad}su\u{ad}cher geöffnet, teilte der Verein mit.</p></article></body></html>";
    let text = text_of(html);
    assert!(
        text.starts_with("子どもの法律ができました。児童を守るための"),
        "{text}"
    );
    assert!(
        text.contains("Die Wehranlage am Fluss wird im Sommer für Besucher"),
        "{text}"
    );
}

#[test]
fn a_page_of_navigation_alone_has_no_article() {
    let raw = RawDocument::new(
        Origin::file("menu.html"),
        "menu",
        Body::Html(
            r#"<html><body><header><a href="/">Strona główna</a></header><nav>Menu</nav>
            <div role="navigation">Kontakt</div><footer>© Gazeta</footer></body></html>"#
                .to_string(),
        ),
        "UTF-8",
    );
    let err = ExtractConfig::default().build().extract(raw).unwrap_err();
    assert_eq!(err.reason(), "no article text", "{err}");
}

#[test]
fn a_lead_past_a_share_button_joins_and_a_cookie_notice_does_not() {
    let html = r#"<html><body><div class="pagina">
      <div class="aviso"><p>Este sitio utiliza cookies para mejorar la experiencia; al seguir navegando aceptas su uso.</p></div>
      <div class="entrada">
        <p class="entradilla">El ayuntamiento de Cádiz abrirá en junio tres playas accesibles con pasarelas, sillas anfibias y personal de apoyo.</p>
        <div class="cuerpo-wrap">
          <div class="botones"><a href="/c">Compartir</a></div>
          <div class="cuerpo">
            <p>Las obras empezaron en marzo y costarán unos 400.000 euros, según informó la concejala de Playas en una rueda de prensa.</p>
            <p>Las asociaciones de vecinos celebraron la medida, aunque pidieron más sombra y fuentes de agua potable en la arena.</p>
            <p>El servicio funcionará de diez de la mañana a ocho de la tarde todos los días hasta el quince de septiembre.</p>
            <p>Cada playa tendrá una zona de sombra, un baño adaptado y un punto de información, explicó el técnico municipal.</p>
            <p>La reserva de sillas se hará por teléfono o en la web municipal, con un día de antelación, como el año pasado.</p>
            <p>Los socorristas recibirán formación específica, y habrá intérpretes de lengua de signos los fines de semana.</p>
          </div>
        </div>
      </div>
    </div></body></html>"#;
    let text = text_of(html);
    assert!(text.starts_with("El ayuntamiento de Cádiz"), "{text}");
    assert!(text.contains("quince de septiembre"), "{text}");
    assert!(
        !text.contains("cookies") && !text.contains("Compartir"),
        "{text}"
    );
}

#[test]
fn a_login_dialog_beside_the_article_is_furniture() {
    // A Portuguese report with a sign-in dialog and a registration modal in the page,
    // their prompts and validation messages longer than the report itself.
    let html = r#"<html><body>
      <div class="conteudo">
        <h1>Chuva forte fecha duas estradas no interior</h1>
        <p>A Defesa Civil interditou na manhã de quinta-feira dois trechos de estrada na serra, depois de uma noite de chuva forte que provocou deslizamentos.</p>
        <p>Segundo o órgão, não há feridos; as equipes devem liberar uma das pistas até sexta-feira, se o tempo permitir.</p>
      </div>
      <div class="painel-login" role="dialog">
        <h2>Entrar na sua conta</h2>
        <form>
          <p>Preencha todos os campos obrigatórios marcados com asterisco antes de continuar.</p>
          <p>Este endereço de e-mail não parece correto: ele precisa conter um arroba e um domínio existente.</p>
          <p>Não encontramos uma conta com este e-mail, ou a senha informada está incorreta.</p>
          <input type="email"><input type="password">
        </form>
      </div>
      <div class="cadastro registration-modal">
        <h2>Criar uma conta nova</h2>
        <p>A senha precisa ter pelo menos oito caracteres, uma letra maiúscula, uma minúscula e um número.</p>
        <p>Este e-mail já está cadastrado conosco; entre com a sua conta existente para continuar lendo.</p>
      </div>
    </body></html>"#;
    let text = text_of(html);
    assert!(text.contains("Defesa Civil interditou"), "{text}");
    assert!(text.contains("liberar uma das pistas"), "{text}");
    assert!(
        !text.contains("senha") && !text.contains("e-mail"),
        "{text}"
    );
}

/// An Italian film note whose whole body is a list: a title item and one item of
/// several sentences, beside a sidebar widget of one paragraph and a link bar.
const LIST_BODY: &str = r#"<html><body>
<div id="nav"><ul><li><a href="/">Home</a></li><li><a href="/archivio">Archivio</a></li><li><a href="/chi">Chi siamo</a></li></ul></div>
<div id="content">
  <div class="nav-links"><a href="/prima">← Un inverno a Trieste</a> <a href="/dopo">Note sul restauro →</a></div>
  <div class="post">
    <h1><a href="/giardino">Il giardino di Marcello Ferri</a></h1>
    <div class="entry">
      <ul>
        <li>Il giardino · Marcello Ferri (1987)</li>
        <li>Un racconto quasi senza parole segue due storie che si incrociano in una città di porto. Una donna cerca il figlio tra i banchi del mercato e non lo trova. Due fratelli aprono una bottega di biciclette e la perdono in un inverno. Sullo sfondo passano le gru del porto, la pioggia e una festa di paese che nessuno ricorda. Regia: Marcello Ferri · Con: Ada Russo, Pietro Galli</li>
      </ul>
    </div>
  </div>
</div>
<div id="sidebar"><div class="widget"><p>Questo blog raccoglie appunti su film, libri e mostre, scritti la sera, con calma.</p></div></div>
</body></html>"#;

#[test]
fn a_body_that_is_a_list_with_an_item_of_prose_is_the_article() {
    let text = text_of(LIST_BODY);
    assert!(text.contains("Un racconto quasi senza parole"), "{text}");
    assert!(
        text.contains("Il giardino · Marcello Ferri (1987)"),
        "{text}"
    );
    assert!(!text.contains("Questo blog raccoglie"), "{text}");
}

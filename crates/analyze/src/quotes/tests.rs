use super::*;

fn entity(text: &str) -> Entity {
    Entity {
        text: text.into(),
        keys: Vec::new(),
        count: 1,
        kind: crate::entities::EntityKind::Person,
    }
}

/// Every quote in `q` is `speaker`'s.
fn assert_all_by(q: &[Quote], speaker: &str) {
    assert!(
        q.iter().all(|q| q.speaker.as_deref() == Some(speaker)),
        "{q:?}"
    );
}

#[test]
fn quotes_and_speakers_in_several_languages() {
    let names = [
        entity("Ilse Brandvold"),
        entity("Veldmark"),
        entity("Ільзе Брандвольд"),
        entity("Marit Solheim"),
    ];
    let en = "“Nobody was hurt and the quay will reopen on Wednesday,” harbour master Ilse Brandvold said.";
    assert_eq!(
        extract_quotes(en, &names),
        vec![Quote {
            text: "Nobody was hurt and the quay will reopen on Wednesday,".into(),
            speaker: Some("Ilse Brandvold".into()),
            kind: QuoteKind::Direct,
        }]
    );
    let uk = "Ільзе Брандвольд заявила: «Ніхто не постраждав, причал відкриють у середу».";
    let q = extract_quotes(uk, &names);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Ільзе Брандвольд"));
    let de = "„Niemand wurde verletzt“, sagte Hafenmeisterin Ilse Brandvold in Veldmark.";
    assert_eq!(
        extract_quotes(de, &names)[0].speaker.as_deref(),
        Some("Ilse Brandvold")
    );
}

#[test]
fn titles_in_quotes_and_broken_marks_are_not_quotes() {
    let names = [entity("Marit Solheim")];
    assert!(extract_quotes(
        "The choir sang “Songs of the Northern Coast” on Saturday.",
        &names
    )
    .is_empty());
    assert!(extract_quotes("He said “this never closes", &names).is_empty());
    assert!(
        extract_quotes("Marit Solheim said “yes”.", &names).is_empty(),
        "too short"
    );
    assert!(extract_quotes("", &names).is_empty());
}

#[test]
fn a_speaker_without_a_name_or_behind_a_pronoun() {
    let names = [entity("Marit Solheim")];
    let de = "„Die Fähre legt morgen wieder ab“, sagte der Kapitän.";
    assert_eq!(
        extract_quotes(de, &names)[0].speaker.as_deref(),
        Some("der Kapitän")
    );
    let en = "Marit Solheim met the crew. “The ferry sails again tomorrow,” she said.";
    assert_eq!(
        extract_quotes(en, &names)[0].speaker.as_deref(),
        Some("Marit Solheim")
    );
}

#[test]
fn a_paragraph_whose_opening_mark_was_lost() {
    let names = [entity("Marit Solheim")];
    let text = "The ferry was late.\nIf the wind drops we sail at dawn, and not before,” Marit Solheim said.";
    let q = extract_quotes(text, &names);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "If the wind drops we sail at dawn, and not before,"
    );
    assert_eq!(q[0].speaker.as_deref(), Some("Marit Solheim"));
    assert!(
        extract_quotes("A song title ends here” and the band plays on.", &names).is_empty(),
        "no speech verb"
    );
}

#[test]
fn a_straight_mark_after_a_space_opens_a_quote_within_the_quote() {
    let names = [entity("Ільзе Брандвольд")];
    let uk = "\"Ми готові надати \"добрі послуги\" як місце зустрічі на всіх рівнях\", - \
              резюмувала Ільзе Брандвольд.";
    let q = extract_quotes(uk, &names);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].text.ends_with("на всіх рівнях"), "{q:?}");
    assert_eq!(q[0].speaker.as_deref(), Some("Ільзе Брандвольд"));
}

#[test]
fn a_name_inside_quoted_words_is_no_speaker() {
    let names = [entity("Ільзе Брандвольд"), entity("Норвегії")];
    let uk = "Ільзе Брандвольд приїхала до порту. За її словами, \"пороми Норвегії вийдуть \
              у море в четвер\", тож компанія надасть \"всі необхідні умови для пасажирів\".";
    let q = extract_quotes(uk, &names);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_all_by(&q, "Ільзе Брандвольд");
}

#[test]
fn a_quote_over_several_paragraphs_and_a_transcript_s_turns() {
    let names = [entity("Marit Solheim")];
    let text = "Marit Solheim said the harbour would reopen.\n\n\
                “The ferry sails at dawn and the crew is ready for the crossing.\n\n\
                “Nobody on the island will be left behind this time,” she said.";
    let q = extract_quotes(text, &names);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q[0].text.ends_with("for the crossing."), "{q:?}");
    assert_all_by(&q, "Marit Solheim");
    let transcript = "Partial transcript:\n\n\"HOST: Will the ferry sail on Friday morning?\n\n\
                      \"SOLHEIM: It will, if the wind drops by then.\"";
    let q = extract_quotes(transcript, &names);
    let turns: Vec<(Option<&str>, &str)> = q
        .iter()
        .map(|q| (q.speaker.as_deref(), q.text.as_str()))
        .collect();
    assert_eq!(
        turns,
        vec![
            (Some("HOST"), "Will the ferry sail on Friday morning?"),
            (Some("SOLHEIM"), "It will, if the wind drops by then.")
        ]
    );
}

#[test]
fn an_abbreviated_title_ends_no_attribution() {
    let names = [entity("Barrett"), entity("Jason Chaffetz")];
    let text = "\"The liabilities would follow them for years,\" Mr. Barrett said.\n\
                \"Subpoenas are not optional,\" Rep. Jason Chaffetz said on Tuesday.";
    let q = extract_quotes(text, &names);
    let speakers: Vec<Option<&str>> = q.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        vec![Some("Barrett"), Some("Jason Chaffetz")],
        "{q:?}"
    );
}

#[test]
fn inverted_and_possessive_attributions() {
    let names = [entity("Ільзе Брандвольд")];
    let uk = "Ільзе Брандвольд приїхала до порту. Однак, додала вона, пороми «вийдуть у море лише в четвер». \
              За її словами, «ніхто з екіпажу не постраждав».";
    let q = extract_quotes(uk, &names);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_all_by(&q, "Ільзе Брандвольд");
}

#[test]
fn quotes_without_a_verb_beside_them() {
    let names = [entity("Marit Solheim"), entity("Jonas Eide")];
    // A quote split around its attribution is one quote.
    let en = "“The ferry sails at dawn,” said Marit Solheim. “We will have the crew ready by six.”";
    let q = extract_quotes(en, &names);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].speaker.as_deref(), Some("Marit Solheim"));
    assert!(q[0].text.ends_with("ready by six."), "{q:?}");
    // A quote that goes on after an attributed one, with other words between,
    // keeps its speaker.
    let on = "“The ferry sails at dawn,” said Marit Solheim. The harbour was quiet and \
              the gulls were circling over the pier. “We will have the crew ready by six.”";
    let q = extract_quotes(on, &names);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].speaker.as_deref(), Some("Marit Solheim"));
    // Two speakers of a dialogue stay apart.
    let dialogue = "“The ferry sails at dawn,” said Marit Solheim. “Not before the storm \
                    has passed,” Jonas Eide replied.";
    let q = extract_quotes(dialogue, &names);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].speaker.as_deref(), Some("Jonas Eide"));
    // A colon introduces it, on the line above.
    let de = "Jonas Eide fuhr fort:\n\n„Wir legen erst am Freitag wieder ab, wenn der Sturm nachlässt.\"";
    let q = extract_quotes(de, &names);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].speaker.as_deref(), Some("Jonas Eide"));
    assert!(
        q[0].text.starts_with("Wir legen"),
        "„ closed by a straight mark"
    );
    // A new paragraph is a new quote, though its speaker goes on speaking.
    let two = "“The ferry sails at dawn,” said Marit Solheim.\n“Nobody on the island was told about the change.”";
    let q = extract_quotes(two, &names);
    assert_eq!(q.len(), 2);
    assert_eq!(q[1].speaker.as_deref(), Some("Marit Solheim"));
    // A quoted phrase that is no sentence is a title or a term, not speech.
    assert!(extract_quotes(
        "The band played “Songs of the Northern Coast again”.",
        &names
    )
    .is_empty());
}

#[test]
fn a_quote_goes_on_across_one_attribution_sentence_of_any_length() {
    let names = [entity("Marit Solheim"), entity("Jonas Eide")];
    let long = "“The ferry sails at dawn,” said Marit Solheim, who has run the harbour \
                office in Veldmark for eleven years and knows every skipper by name. \
                “We will have the crew ready by six.”";
    let q = extract_quotes(long, &names);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].text.ends_with("ready by six."), "{q:?}");
    // German marks, the comma after the closing one.
    let de = "„Wir legen am Freitag ab“, sagte Jonas Eide, der seit elf Jahren die \
              Fähre nach Veldmark fährt und dort jeden Sturm kennt. „Der Wind soll bis \
              Donnerstag nachlassen.“";
    let q = extract_quotes(de, &names);
    assert_eq!(q.len(), 1, "{q:?}");
    // A first part that ends its sentence, or a colon that opens the next part,
    // makes two quotes.
    let stop = "“The ferry sails at dawn.” said Marit Solheim. “We will have the crew \
                ready by six.”";
    assert_eq!(extract_quotes(stop, &names).len(), 2);
    let colon = "„Wir legen am Freitag ab,“ sagte Jonas Eide und rief dann den Matrosen \
                 zu: „Macht die Leinen los, sofort, und holt die Fender ein!“";
    assert_eq!(extract_quotes(colon, &names).len(), 2);
    // Two sentences between: the second quote is attributed anew.
    let two = "“The ferry sails at dawn,” said Marit Solheim. The gulls were loud. \
               “We will have the crew ready by six.”";
    assert_eq!(extract_quotes(two, &names).len(), 2);
}

#[test]
fn the_subject_before_the_verb_speaks_not_the_name_after_it() {
    let names = [entity("Marit Solheim"), entity("Jonas Eide")];
    let en = "Marit Solheim says Jonas Eide’s “plan for the harbour is simply too expensive.”";
    assert_eq!(
        extract_quotes(en, &names)[0].speaker.as_deref(),
        Some("Marit Solheim")
    );
}

#[test]
fn a_subject_after_the_verb_is_the_phrase_that_opens_it() {
    let stop = |w: &str| {
        matches!(
            w,
            "nach" | "der" | "auf" | "unsere" | "mit" | "er" | "war" | "in" | "einer" | "wir"
        )
    };
    let cx = Context {
        entities: &[],
        is_stopword: &stop,
        language: "de",
    };
    // German puts the subject after the verb when the sentence opens with
    // something else; "Ruhe" and "Frage" are not who spoke.
    let de = "Nach einer langen und stürmischen Fahrt über den Sund erwidert der Kapitän \
              auf unsere Frage mit stoischer Ruhe: „Wir landen in einer Stunde.“";
    assert_eq!(
        direct_quotes(de, &cx)[0].speaker.as_deref(),
        Some("der Kapitän")
    );
    // No subject opens the words after the verb: nobody is made up.
    let none = "Die Fahrt dauerte lange über den Sund, und dann erwidert war er \
                mit stoischer Ruhe: „Wir landen in einer Stunde.“";
    assert_eq!(direct_quotes(none, &cx)[0].speaker, None);
}

#[test]
fn a_quote_on_a_paragraph_of_its_own_goes_on_from_the_speech_before_it() {
    let names = [entity("Marit Solheim")];
    let text = "Marit Solheim visited the harbour on Monday. She stressed that the ferry \
                would need new engines.\n\n“We will find the money for the engines before winter comes.”\n\n\
                The council meets again in May.";
    assert_eq!(
        extract_quotes(text, &names)[0].speaker.as_deref(),
        Some("Marit Solheim")
    );
    // After a sentence that reports no speech, nobody is made the speaker.
    let text = "Marit Solheim visited the harbour on Monday. The ferry needs new engines.\n\n\
                “We will find the money for the engines before winter comes.”";
    assert_eq!(extract_quotes(text, &names)[0].speaker, None);
}

#[test]
fn a_quote_signed_after_a_dash() {
    let names = [entity("Олена Коваль")];
    let text = "“The ferry is late again and nobody tells us why.” ― Carla Vestby.\n\n\
                «Пором знову запізнюється, і ніхто не пояснює чому.» — Олена Коваль, Одеса\n\n\
                “The ferry is late again and nobody tells us why.” — and then nothing.";
    let q = extract_quotes(text, &names);
    assert_eq!(q[0].speaker.as_deref(), Some("Carla Vestby"));
    assert_eq!(q[1].speaker.as_deref(), Some("Олена Коваль"));
    // Lower-case words after a dash sign nothing.
    assert_eq!(q[2].speaker, None, "{q:?}");
}

import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.js';
import { german } from '../../src/extract/lang/de.js';
import { normalise } from '../../src/extract/normalise.js';
import { segment } from '../../src/extract/segment.js';
import { validateDocument } from '../../src/ingest/document.js';

/** German articles written for these tests: what was said, by whom, as [speaker, text, kind?]. */
function said(body: string) {
  const x = extractArticle({ title: 'Ein Testartikel', publishedAt: '2024-05-08', authors: [], language: 'de', body });
  expect(validateDocument(x.document).ok).toBe(true);
  const name = (ref: string) => x.document.entities.find((e) => e.ref === ref)?.name;
  return x.document.statements.map((s) => ({ by: name(s.speaker), text: s.text, kind: s.kind }));
}

describe('German reported speech in Konjunktiv I', () => {
  it('goes on over the following sentences with no cue of their own, as one statement of the same speaker', () => {
    expect(said('Innenministerin Petra Adler sagte am Montag, die Lage sei ernst. Man habe alles versucht. Die Regierung werde nun handeln. Das Wetter war gut.')).toEqual([
      { by: 'Petra Adler', text: 'die Lage sei ernst', kind: 'CLAIM' },
      { by: 'Petra Adler', text: 'Man habe alles versucht. Die Regierung werde nun handeln', kind: 'CLAIM' },
    ]);
  });

  it('needs the mood in the main clause, not only in a relative clause', () => {
    const out = said('Petra Adler sagte, die Lage sei ernst. Die Stadt hält zehn Prozent der Anteile, die bald aufgestockt werden sollen.');
    expect(out.map((s) => s.text)).toEqual(['die Lage sei ernst']);
  });

  it('is nobody’s when the last statement is several sentences back', () => {
    const out = said('Petra Adler sagte, die Lage sei ernst. Das Wetter war gut. Es regnete am Abend. Später gab es ein Fest. Die Stimmung sei gut gewesen.');
    expect(out.map((s) => s.text)).toEqual(['die Lage sei ernst']);
  });
});

describe('German separable reporting verbs', () => {
  it('report only with their particle, and the particle decides the kind', () => {
    expect(said('Die Polizei teilte am Abend mit, dass niemand verletzt wurde. Das Konzert fand am Montag statt. Der Verband wies die Vorwürfe am Dienstag zurück.')).toEqual([
      { by: 'Die Polizei', text: 'dass niemand verletzt wurde', kind: 'CLAIM' },
      // An object and no clause: the whole sentence is the report, as German annotations take it.
      { by: 'Der Verband', text: 'Der Verband wies die Vorwürfe am Dienstag zurück', kind: 'DENIAL' },
    ]);
  });
});

describe('German subjects around the verb', () => {
  it('finds the subject after the verb when an adverbial comes first, and after the subordinator of a verb-final clause', () => {
    expect(said('Am Montag sagte Bürgermeister Jens Ulrich, die Brücke werde gebaut. Wie ein Sprecher der Stadt mitteilte, beginnen die Arbeiten im Mai. Zum Abschluss des Treffens sagte Jana Berg: „Wir sind sehr zufrieden mit dem Ergebnis.“').map((s) => [s.by, s.text])).toEqual([
      ['Jens Ulrich', 'die Brücke werde gebaut'],
      ['Ein Sprecher der Stadt', 'beginnen die Arbeiten im Mai'],
      ['Jana Berg', 'Wir sind sehr zufrieden mit dem Ergebnis'],
    ]);
  });

  it('takes the name before an apposition, or the name that is the apposition, rather than a phrase after the verb', () => {
    expect(said('Carla Witt, die Sprecherin des Verbands, sagte angesichts der Lage, es gebe keinen Grund zur Sorge.')[0]).toMatchObject({ by: 'Carla Witt', text: 'es gebe keinen Grund zur Sorge' });
    expect(said('Die Sprecherin der Grünen, Anja Hajduk, kritisierte die Pläne der Regierung.')[0].by).toBe('Anja Hajduk');
  });

  it('keeps a title with its place from becoming a person ("Sprecher der Stadt")', () => {
    expect(said('Der Bürgermeister von Freising Herr Dieter Thalhammer sagte, das Rennen sei ein Erfolg.')[0].by).toBe('Dieter Thalhammer');
  });

  it('reads "so X" after what was said', () => {
    expect(said('Die Preise steigen weiter, so die Zeitung.')).toEqual([{ by: 'Die Zeitung', text: 'Die Preise steigen weiter', kind: 'CLAIM' }]);
  });
});

describe('German quotations and reports that point elsewhere', () => {
  it('gives a quotation with no cue of its own to the subject its sentence opens with', () => {
    expect(said('Das Schiff liegt seit Montag im Hafen. Die Reederei empfindet das Verbot als ungerecht: „Wir haben alle Regeln eingehalten.“').map((s) => [s.by, s.text])).toEqual([
      ['Die Reederei', 'Wir haben alle Regeln eingehalten'],
    ]);
  });

  it('takes a quoted name for a name, not for something said', () => {
    expect(said('Der Sprecher Jan Ott sagte, die Schiffe der „Flotte für Freie Meere und Küsten“ seien unterwegs. Helfer der Organisation „Ärzte für die Welt von Morgen“ trafen am Montag ein.').map((s) => [s.by, s.text])).toEqual([
      ['Jan Ott', 'die Schiffe der „Flotte für Freie Meere und Küsten“ seien unterwegs'],
    ]);
  });

  it('moves the content of "Dies bestätigte X" to the sentence before', () => {
    expect(said('Die Partei schließt ein Bündnis mit der Union aus. Das bestätigte der Vorsitzende Guido Westerwelle am Abend.').map((s) => [s.by, s.text])).toEqual([
      ['Guido Westerwelle', 'Die Partei schließt ein Bündnis mit der Union aus'],
    ]);
  });

  it('reads opinions given as "ist der Meinung" and refusals as "lehnte … ab"', () => {
    expect(said('Der Verband ist der Meinung, dass die Steuer zu hoch sei. Die Stadt lehnte den Antrag der Händler am Freitag ab.').map((s) => [s.by, s.kind])).toEqual([
      ['Der Verband', 'OPINION'],
      ['Die Stadt', 'DENIAL'],
    ]);
  });
});

describe('German sources named by a noun for what was said', () => {
  it('reads "nach Angaben …", compounds such as "Polizeiangaben", "… zufolge", and "nach eigenen Angaben" as the subject’s own', () => {
    expect(said('Nach Angaben der Feuerwehr brannte das Haus vollständig aus. Das Nachbarhaus blieb nach Polizeiangaben unbeschädigt. Die Feuerwehr hat nach eigenen Angaben zwei Menschen gerettet. Offiziellen Angaben zufolge wurden drei Menschen verletzt.').map((s) => [s.by, s.text])).toEqual([
      ['Angaben der Feuerwehr', 'brannte das Haus vollständig aus'],
      // Inside the sentence the source attributes all of it.
      ['Polizeiangaben', 'Das Nachbarhaus blieb nach Polizeiangaben unbeschädigt'],
      ['Die Feuerwehr', 'Die Feuerwehr hat nach eigenen Angaben zwei Menschen gerettet'],
      ['Offiziellen Angaben', 'wurden drei Menschen verletzt'],
    ]);
  });

  it('leaves "nach" with other nouns alone', () => {
    expect(said('Nach dem Spiel fuhren die Fans nach Hause.')).toEqual([]);
  });
});

describe('German sentence ends', () => {
  it('do not fall after the dot of a day number before a month', () => {
    const body = 'Am 25. November sagte Jana Berg, der Vertrag sei unterschrieben. Dann ging sie.';
    const n = normalise(body);
    expect(segment(n.text, n.quotes, german).map((s) => body.slice(s.start, s.end))).toEqual([
      'Am 25. November sagte Jana Berg, der Vertrag sei unterschrieben.',
      'Dann ging sie.',
    ]);
  });
});

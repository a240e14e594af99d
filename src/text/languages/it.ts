/** Italian. */
import type { LanguageProfile } from "./profile.ts";

export const IT: LanguageProfile = {
  code: "it",
  name: "Italian",
  abbreviations: "dott sig sigg ecc es pag pagg nr tab avv ing rag geom cap art vol sett rif tel",
  apostrophe: "elision",
  numericDates: false,
  functionWords:
    "il lo la i gli le un uno una di del dello della dei degli delle in nel nello nella nei negli nelle a al allo alla ai agli alle da dal dallo dalla dai dagli dalle su sul sulla con per tra fra e ed o che si suo sua suoi sue questo questa e sono era erano stato stata stati essere ha hanno aveva viene vengono nessun nessuno nessuna alcuni alcune qualche vari varie",
  reportingVerbs:
    "mostra mostrava mostrato mostrata mostro mostrando evidenzia evidenziava evidenziato evidenziata evidenzio evidenziando rivela rivelato rivelava dimostra dimostrato dimostrava conferma confermato confermata eseguito eseguita eseguiti eseguite effettuato effettuata effettuati praticato praticata nega negava riferisce riferiva rilevato rilevata riscontrato riscontrata osserva osservano osservato osservata mostrano evidenziano rilevano scompare scompaiono",
  verbNegationPrefix: null,
  compounding: false,
  implicitHeadNoun: true,
  notHeadNouns: "anche però pero quindi inoltre",
  adjectiveEndings: null,
};

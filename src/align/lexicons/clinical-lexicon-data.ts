/**
 * A small built-in multilingual clinical lexicon, written for Clinspan: the frequent words of clinical
 * entity mentions that are NOT spelling cognates (dolor / pain / pijn / smärta / bolest), so the
 * aligner knows them even when the corpus at hand is too small for EM to learn them.
 *
 * One concept per line, languages in the order of LEXICON_LANGUAGES, alternatives separated by commas.
 * `stem*` matches any word starting with the stem (inflection: prav* = pravý, pravá, pravou); other
 * entries match exactly or by cognate key. Words of a multi-word alternative count separately.
 */

import type { MultiClinAiLanguage } from "../../core/language.ts";

/** Column order of {@link LEXICON_ROWS}. */
export const LEXICON_LANGUAGES = ["es", "en", "it", "nl", "sv", "ro", "cz", "fr", "de"] as const;

// Every MultiClinAI language needs a column: this line stops compiling when one is missing.
const EVERY_LANGUAGE_HAS_A_COLUMN: Exclude<
  MultiClinAiLanguage,
  (typeof LEXICON_LANGUAGES)[number]
> extends never
  ? true
  : never = true;
void EVERY_LANGUAGE_HAS_A_COLUMN;

/** The concept rows (see the file comment for the format). */
export const LEXICON_ROWS = `
cabeza|head|testa,capo|hoofd|huvud*|cap,capul|hlav*|tete|kopf*
cuello|neck|collo|nek,hals|hals,nack*|gat,gatul,gatului|krk*|cou|hals
pecho,torax|chest,thorax|torace,petto|borst*,thorax|brost*|piept*|hrud*|poitrine,thorax|brust*,thorax
abdomen,vientre|abdomen,belly|addome,pancia|buik*|buk*|abdomen*|bric*|ventre,abdomen|bauch*
espalda|back|schiena|rug|rygg*|spate,spatele|zad*|dos|rucken
brazo|arm|braccio|arm|arm*|brat*|paz*|bras|arm*
pierna|leg|gamba|been|ben|picior*|noh*|jambe|bein*
mano,manos|hand,hands|mano,mani|hand,handen,handerna|hand,handen,hander,handerna|mana,mainii,mainile,maini|ruk*|main,mains|hand*
pie,pies|foot,feet|piede,piedi|voet*|fot,fotter|laba|chodidl*|pied,pieds|fuss,fusse
rodilla|knee|ginocchio|knie|kna*|genunchi*|kolen*|genou|knie
cadera|hip|anca|heup|hoft*|sold*|kycl*,kycel*|hanche|huft*
hombro|shoulder|spalla|schouder|axel*|umar*|ramen*|epaule|schulter*
ojo,ojos|eye,eyes|occhio,occhi|oog,ogen|oga,ogon|ochi*|oko,oci,ocni|oeil,yeux|auge*
oido,oreja|ear|orecchio|oor|ora|ureche|ucho,usi,usni|oreille|ohr*
boca|mouth|bocca|mond|mun|gura|usta,ust|bouche|mund
garganta|throat|gola|keel|hals,svalg|gat,gatul,gatului|krk*,hrdl*|gorge|hals,rachen
nariz|nose|naso|neus|nasa|nas|nos*|nez|nase
piel|skin|pelle,cute|huid*|hud*|piel*|kuz*|peau|haut*
hueso,huesos|bone,bones|osso,ossa|bot,botten|ben,skelett*|os,oase|kost*|os|knochen*
sangre|blood|sangue|bloed*|blod*|sange*|krev*,krv*|sang|blut*
corazon|heart|cuore|hart*|hjart*|inim*|srd*|coeur|herz*
pulmon,pulmones|lung,lungs|polmone,polmoni|long,longen|lung*|plaman*|plic*|poumon*|lunge*
higado|liver|fegato|lever*|lever*|ficat*|jater*|foie|leber*
rinon,rinones|kidney,kidneys|rene,reni|nier*|njur*|rinichi*|ledvin*|rein,reins|niere*
estomago|stomach|stomaco|maag*|magsack*|stomac*|zaludek,zaludk*|estomac|magen*
intestino|intestine,bowel|intestino|darm*|tarm*|intestin*|strev*|intestin*|darm*
cerebro|brain|cervello|hersenen,brein|hjarn*|creier*|mozek,mozk*|cerveau|gehirn*
vejiga|bladder|vescica|blaas*|blasa,blas*|vezic*|mechyr*|vessie|blase
mama,mamas|breast,breasts|seno,mammella|borst*|brost*|san,sanul,sanului|prs*|sein,seins|brust*
vena,venas|vein,veins|vena,vene|ader*|ven*|ven*|zil*|veine*|vene*
dedo,dedos|finger,fingers,toe,toes|dito,dita|vinger*,teen|finger*,ta|deget*|prst*|doigt*|finger*,zeh*
muneca|wrist|polso|pols|handled*|incheietur*|zapest*|poignet|handgelenk*
tobillo|ankle|caviglia|enkel*|fotled*|glezn*|kotnik*|cheville|knochel*,sprunggelenk*
codo|elbow|gomito|elleboog|armbag*|cot*|loket,lokt*|coude|ellenbogen*
muslo|thigh|coscia|dij*|lar*|coaps*|stehn*|cuisse|oberschenkel*
columna|spine|colonna|wervelkolom|ryggrad*|coloan*|pater*|colonne|wirbelsaule
vesicula|gallbladder|colecisti|galblaas|gallblas*|vezic*|zlucnik*|vesicule|gallenblase
bazo|spleen|milza|milt|mjalt*|splin*|slezin*|rate|milz
utero|uterus,womb|utero|baarmoeder*|livmoder*|uter*|deloh*|uterus|gebarmutter*
musculo,musculos|muscle,muscles|muscolo,muscoli|spier*|muskel*|musch*|sval*|muscle*|muskel*
muscular|muscle,muscular|muscolare|spier*|muskul*|muscular*|svalov*|musculaire|muskul*
articulacion|joint,joints|articolazione|gewricht*|led,leder,leden|articulati*,incheietur*|kloub*|articulation*|gelenk*
ganglio,ganglios|node,nodes,lymph|linfonodo,linfonodi|lymfeklier*|lymfkort*,lymfknut*|ganglion*|uzlin*|ganglion*|lymphknoten
vaso,vasos|vessel,vessels|vaso,vasi|vat,vaten|karl*|vas*|cev*|vaisseau*|gefass*
glandula|gland|ghiandola|klier*|kortel*|gland*|zlaz*|glande|druse*
cara|face|viso,faccia|gezicht|ansikte|fata|oblicej*|visage|gesicht*
diente,dientes|tooth,teeth|dente,denti|tand*|tand*|dinte,dinti|zub*|dent*|zahn*,zahne
lengua|tongue|lingua|tong|tunga|limb*|jazyk*|langue|zunge
labio,labios|lip,lips|labbro,labbra|lip,lippen|lapp*|buz*|ret*|levre*|lippe*
pared|wall|parete|wand|vagg*|perete|sten*|paroi|wand
liquido|fluid|liquido|vocht|vatsk*|lichid*|tekutin*|liquide|flussigkeit
heces,deposiciones|stool,stools,feces,faeces|feci|ontlasting|avforing*|scaun*|stolic*|selles|stuhl*
agudo,aguda,agudos,agudas|acute|acuto,acuta|acuut,acute|akut*|acut*|akutn*|aigu,aigue|akut*
cronico,cronica|chronic|cronico,cronica|chronisch*|kronisk*|cronic*|chronick*|chronique|chronisch*
grave,graves,severo,severa|severe,serious|grave,severo,severa|ernstig*,zwaar,zware|svar,svart,svara|sever*,grav*|tezk*,zavazn*|grave,severe|schwer*
leve,leves|mild,slight|lieve|licht,lichte,mild*|latt*,lindrig*|usoar*|lehk*,mirn*|leger,legere|leicht*
moderado,moderada|moderate|moderato,moderata|matig*|mattlig*|moderat*|stredn*|modere*|massig*,mittel*
intenso,intensa|intense,severe|intenso,intensa|hevig*,intens*|intensiv*,kraftig*|intens*|siln*,intenzivn*|intense|stark*,heftig*
derecho,derecha|right|destro,destra|rechter*,rechts|hoger*,hogra|drept*|pravy,prava,prave,praveho,pravou,pravem,pravych|droit*|recht*
izquierdo,izquierda|left|sinistro,sinistra|linker*,links|vanster*,vanstra|stang*|levy,leva,leve,leveho,levou,levem,levych|gauche*|link*
superior|upper|superiore|boven,bovenste|ovre|superior*|horn*|superieur*|ober,obere,oberen,oberer
inferior|lower|inferiore|onder,onderste|nedre|inferior*|doln*|inferieur*|unter,untere,unteren,unterer
alto,alta,elevado,elevada|high,elevated,raised|alto,alta,elevato,elevata|hoog,hoge,verhoogd*|hog*,forhojd*|inalt*,crescut*,ridicat*|vysok*,zvysen*|haut*,eleve*|hoch,hohe*,erhoht*
bajo,baja|low|basso,bassa|laag,lage|lag,laga|scazut*|nizk*|bas,basse|niedrig*
subito,brusco,repentino,repentina|sudden,abrupt|improvviso,improvvisa|plotseling*|plotslig*|brusc*,subit*|nahl*|soudain*,brutal*|plotzlich*
doble|double|doppio,doppia|dubbel*|dubbel*|dublu,dubla|dvojit*|double|doppel*
parcial|partial|parziale|gedeeltelijk*|partiell*|partial*|castecn*|partiel*|partiell*,teilweise
pequeno,pequena|small|piccolo,piccola|klein*|liten,litet,sma|mic,mica|mal*|petit*|klein*
grande,grandes|large,big|grande,grandi|groot,grote|stor*|mare,mari|velk*|grand*|gross*
doloroso,dolorosa|painful,tender|doloroso,dolorosa|pijnlijk*|smartsam*|dureros*|bolestiv*|douloureux,douloureuse|schmerzhaft*
indoloro,indolora|painless|indolore|pijnloos*|smartfri*|nedureros*|nebolestiv*|indolore|schmerzlos*
dolor,dolores|pain,ache,aches,tenderness|dolore,dolori|pijn*|smart*,hugg,vark*|durere,dureri,durer*|bolest*|douleur*|schmerz*
fiebre|fever|febbre|koorts*|feber|febr*|horeck*|fievre|fieber*
tos|cough|tosse|hoest*|hosta,host*|tuse,tus*|kasel,kasl*|toux|husten*
nauseas,nausea|nausea|nausea|misselijk*|illamaende|great*|nevolnost*|nausee*|ubelkeit
vomitos,vomito|vomiting,vomit|vomito|braken,braak*|krakning*,krak*|varsatur*,vom*|zvrac*|vomissement*|erbrechen
mareo,mareos|dizziness,dizzy|vertigin*,capogiro|duizelig*|yrsel|amete*|zavrat*|vertige*|schwindel*
cefalea|headache|cefalea|hoofdpijn|huvudvark|cefalee|bolest,hlavy|cephalee*|kopfschmerz*
cansancio,fatiga,astenia|fatigue,tiredness|stanchezza,affaticamento|vermoeid*|trotthet|obosea*|unav*|fatigue|mudigkeit
debilidad|weakness|debolezza|zwakte|svaghet|slabiciune|slabost*|faiblesse|schwache
hinchazon,tumefaccion|swelling|gonfiore,tumefazione|zwelling|svullnad*|umflatur*,tumefacti*|otok*|gonflement|schwellung*
sangrado,hemorragia|bleeding,haemorrhage,hemorrhage|sanguinamento,emorragia|bloeding*|blodning*|sangerar*,hemoragi*|krvacen*|saignement*,hemorragie|blutung*
erupcion|rash|eruzione|uitslag|utslag|eruptie,erupti*|vyrazk*|eruption|ausschlag
picor,prurito|itching,pruritus,itch|prurito|jeuk*|klada|mancarim*,prurit|svedeni|demangeaison*|juckreiz
disnea|dyspnoea,dyspnea,breathlessness,breath|dispnea|kortademig*,dyspneu|andfadd*,dyspne|dispnee|dusnost*|dyspnee|atemnot
perdida|loss|perdita|verlies|forlust|pierder*|ztrat*,ubyt*|perte|verlust
peso|weight|peso|gewicht*|vikt*|greutat*|hmotnost*,vah*|poids|gewicht*
hormigueo|tingling|formicolio|tinteling*|stickning*,myrkryp*|furnicatur*|brneni|fourmillement*|kribbeln
entumecimiento|numbness|intorpidimento|gevoelloos*,doof*|domning*|amorteal*|necitlivost*|engourdissement|taubheit*
rigidez|stiffness|rigidita|stijfheid|stelhet|rigiditat*|ztuhlost*|raideur|steifheit
sudoracion|sweating|sudorazione|zweten|svettning*|transpirati*|poceni|sudation,transpiration|schwitzen
escalofrios|chills|brividi|rillingen,rilling*|frossa|frisoan*|zimnic*|frissons|schuttelfrost
bulto,nodulo|lump,nodule|nodulo|knobbel*|knol*|nodul*|bulk*|nodule|knoten
herida|wound|ferita|wond*|sar|plag*|rana,rany,ranu|plaie|wunde*
quemadura|burn,burns|ustione|brandwond*|brannskad*|arsur*|popalen*|brulure*|verbrennung*
rotura|rupture,tear|rottura|scheur*|ruptur*,bristning*|ruptur*|ruptur*,trhlin*|rupture,dechirure|riss*,ruptur*
insuficiencia|failure,insufficiency|insufficienza|falen,insufficientie|svikt*,insufficiens|insuficient*|selhani|insuffisance|insuffizienz,versagen
enfermedad|disease,illness|malattia|ziekte|sjukdom*|boal*|nemoc*|maladie|krankheit*
trastorno|disorder|disturbo|stoornis|storning*|tulburar*|poruch*|trouble|storung*
deterioro|impairment,deterioration,decline|deterioramento,declino|achteruitgang,stoornis|nedsattning,svikt|deterior*|poruch*,zhorsen*|declin,deterioration|beeintrachtigung,verschlechterung
dano|damage,injury|danno|schade|skad*|lezi*|poskozen*|lesion,dommage|schadigung,schaden
traumatismo|injury,trauma|trauma|letsel,trauma|skad*,trauma|traumatism*|poraneni,uraz*|traumatisme|verletzung*
calculo,calculos,litiasis|stone,stones,calculus|calcolo,calcoli|steen,stenen|sten,stenar|calcul*|kamen*,kamin*|calcul*,lithiase|stein*
coagulo,trombo|clot,thrombus|coagulo,trombo|stolsel*,trombus|propp*,trombos|cheag*,tromb*|srazenin*,tromb*|caillot,thrombus|gerinnsel,thrombus
convulsion,convulsiones,crisis|seizure,seizures,convulsion|convulsione,crisi|aanval*,convulsie|kramp*,anfall*|convulsi*,criz*|krec*,zachvat*|convulsion*,crise|krampf*,anfall*
ictus|stroke|ictus|beroerte|stroke,slaganfall|vascular,avc|mrtvic*|avc|schlaganfall
cancer|cancer|cancro|kanker|cancer|cancer*|rakovin*|cancer|krebs*
inflamacion|inflammation|infiammazione|ontsteking*|inflammation|inflamati*|zanet*|inflammation|entzundung*
aumento|increase,elevation|aumento|toename,verhoging|okning,forhojning|creste*|zvysen*,vzestup*|augmentation|erhohung,anstieg
disminucion|decrease,reduction|diminuzione,riduzione|afname,daling,verlaging|minskning,sankning|scader*|snizen*,pokles*|diminution|abnahme,verminderung
deficit,deficiencia,carencia|deficiency,deficit|deficit,carenza|tekort*,deficientie|brist*|deficit,deficient*|nedostat*,deficit|deficit,carence|mangel*
cicatriz|scar|cicatrice|litteken*|arr|cicatric*|jizv*|cicatrice|narbe*
desmayo,sincope|fainting,syncope|svenimento,sincope|flauwvallen,syncope|svimning,synkope|lesin*,sincop*|mdlob*,synkop*|evanouissement,syncope|ohnmacht,synkope
confusion|confusion|confusione|verwardheid|forvirring|confuzi*|zmatenost*|confusion|verwirrung
estrenimiento|constipation|stitichezza|obstipatie,verstopping|forstoppning|constipati*|zacp*|constipation|verstopfung
ronquera|hoarseness|raucedine|heesheid|heshet|ragusea*|chrapot*|enrouement|heiserkeit
toracico,toracica|chest,thoracic|toracico,toracica|thoracaal,thoracale,borst*|brost*,torakal*|toracic*|hrudn*,hrud*|thoracique|thorakal*,brust*
lumbar|lumbar,flank|lombare|lumbaal,lumbale,lende*|landrygg*,lumbal*|lombar*|bedern*,lumbaln*|lombaire|lumbal*,lenden*
renal|renal,kidney|renale|nier*|njur*|renal*|ledvin*|renal*|nieren*,renal*
cardiaco,cardiaca|cardiac,heart|cardiaco,cardiaca|hart*|hjart*|cardiac*|srdec*|cardiaque|herz*,kardial*
pulmonar|pulmonary,lung|polmonare|long*|lung*|pulmonar*|plicn*|pulmonaire|lungen*,pulmonal*
hepatico,hepatica|hepatic,liver|epatico,epatica|lever*|lever*|hepatic*|jatern*|hepatique|leber*,hepatisch*
digestivo,digestiva|digestive,gastrointestinal|digestivo,gastrointestinale|maag-darm*,gastro-intestinal*|gastrointestinal*,mag-tarm*|digestiv*|travic*,gastrointestin*|digestif,digestive|gastrointestinal*,verdauung*
mamario,mamaria|breast,mammary|mammario,mammaria|borst*|brost*|mamar*|prsu,prsn*|mammaire|brust*,mamma*
urinario,urinaria|urinary|urinario,urinaria|urine*,urineweg*|urin*|urinar*|mocov*|urinaire|harn*
sanguineo,sanguinea|blood|sanguigno,sanguigna|bloed*|blod*|sanguin*|krevn*|sanguin*|blut*
oseo,osea|bone|osseo,ossea|bot*|ben*,skelett*|osos*|kostn*|osseux,osseuse|knochen*
cutaneo,cutanea|skin,cutaneous|cutaneo,cutanea|huid*|hud*|cutanat*|kozn*|cutane*|haut*
craneal,craneo|head,cranial,skull|cranico,cranio|schedel*|skall*,kranial*|cranian*|lebk*,hlav*|cranien*,crane|schadel*,kranial*
raquideo,raquidea|spinal|spinale|spinaal,spinale|spinal*|rahidian*|spinaln*|rachidien*,spinal*|spinal*
ocular|eye,ocular|oculare|oog*|ogon*,oga,ogat|ocular*|ocn*|oculaire|augen*
vision,vista|vision,sight|vista,visione|zicht,zien,visus|syn,synen,synskarpa|vedere|zrak*|vision,vue|sicht,sehen
respiratorio,respiratoria|respiratory,breathing|respiratorio,respiratoria|ademhaling*,respiratoir*|andning*,respirator*|respirator*|dychac*,respiracn*|respiratoire|atem*,respiratorisch*
oxigeno|oxygen|ossigeno|zuurstof*|syre*,syrgas*|oxigen*|kyslik*|oxygene|sauerstoff*
aire|air|aria|lucht*|luft*|aer*|vzduch*|air|luft*
presion,tension|pressure|pressione|druk*|tryck*|presiun*,tensiun*|tlak*|pression,tension|druck*
frecuencia|rate,frequency|frequenza|frequentie|frekvens|frecvent*|frekvenc*|frequence|frequenz
analisis,analitica|analysis,tests,test,work-up|analisi,esami|analyse,onderzoek,bloedonderzoek|analys,prov*,blodprov*|analiz*|analyz*,vysetren*|analyse,bilan|analyse,untersuchung*,labor*
prueba,pruebas|test,tests|test,prova,prove|test*|test*,prov*|test*,prob*|test*,vysetren*|test*,epreuve|test*
exploracion,examen|examination,exam|esame,visita|onderzoek|undersokning*,status|examen*,examinar*|vysetren*|examen|untersuchung*
estudio|study,studies,work-up|studio|onderzoek,studie|undersokning,studie|studi*|vysetren*,studi*|etude|studie,untersuchung*
cirugia|surgery|chirurgia,intervento|chirurgie,operatie|kirurgi*,operation*|chirurgi*,operati*|chirurgi*,operac*|chirurgie|chirurgie,operation*
operacion,intervencion|operation,procedure,surgery|intervento,operazione|ingreep,operatie|ingrepp,operation|interventi*,operati*|operac*,vykon*|intervention,operation|eingriff,operation
extirpacion,reseccion,exeresis|removal,excision,resection|asportazione,resezione,exeresi|verwijdering,resectie,excisie|avlagsn*,resektion,excision|extirp*,rezecti*,excizi*|odstran*,resekc*,exciz*|ablation,exerese,resection|entfernung,resektion,exzision
trasplante|transplant,transplantation|trapianto|transplantatie|transplantation|transplant*|transplantac*|greffe,transplantation|transplantation
colocacion|placement,insertion|posizionamento,inserimento,posizionamento|plaatsing|inlagg*,insattning|plasar*,montar*|zaveden*,umisten*|pose|anlage,einlage,platzierung
tratamiento|treatment,therapy|trattamento,terapia|behandeling|behandling*|tratament*|lecb*,lecen*|traitement|behandlung
cultivo|culture|coltura|kweek|odling*|cultur*|kultivac*,kultur*|culture|kultur*
hemocultivo,hemocultivos|blood,culture,cultures|emocoltura,emocolture|bloedkweek*|blododling*|hemocultur*|hemokultur*|hemoculture*|blutkultur*
radiografia|x-ray,radiograph,radiography|radiografia|rontgen*,radiografie|rontgen*|radiografi*|rentgen*,rtg,snimek|radiographie|rontgen*
ecografia|ultrasound,ultrasonography,sonography|ecografia|echografie,echo|ultraljud*|ecografi*|ultrazvuk*,sonografi*,usg|echographie|ultraschall*,sonographie
computarizada,computarizado|computed,computerized,computerised|computerizzata,computerizzato|computer*|dator*|computerizat*|pocitacov*|informatisee,assistee|computer*
tac,tc|ct,scan|tc|ct|dt,ct,datortomografi|ct|ct|tdm,scanner|ct
rm,rmn|mri|rm,rmn|mri|mr,mri,magnetkamera*|rmn,irm|mr,mri|irm|mrt
vacunacion|vaccination|vaccinazione|vaccinatie|vaccination|vaccinar*|ockovan*|vaccination|impfung
reparacion|repair|riparazione|herstel|reparation,plastik|reparar*|oprav*,rekonstrukc*|reparation|reparatur
sustitucion,reemplazo,protesis|replacement,prosthesis|sostituzione,protesi|vervanging,prothese|ersattning,protes|inlocuir*,protez*|nahrad*,protez*|remplacement,prothese|ersatz,prothese
control|monitoring,control|controllo,monitoraggio|controle,monitoring|kontroll*,overvakning|control*,monitoriz*|kontrol*,monitor*|controle,surveillance|kontrolle,uberwachung
seguimiento|follow-up|follow-up|follow-up|uppfoljning|urmarire|sledovani|suivi|nachsorge,verlaufskontrolle
medicion|measurement|misurazione|meting|matning|masurar*|mereni|mesure|messung
recuento|count|conta,conteggio|telling|antal,rakning|numar*|pocet|numeration|zahlung
nivel,niveles|level,levels|livello,livelli|spiegel,niveau|niva*|nivel*|hladin*|taux,niveau|spiegel
reanimacion|resuscitation|rianimazione|reanimatie|atertupplivning|resuscitar*,reanimar*|resuscitac*|reanimation|reanimation
ventilacion|ventilation|ventilazione|beademing,ventilatie|ventilation|ventilati*|ventilac*|ventilation|beatmung
sonda|tube,catheter|sondino,sonda|sonde|sond|sond*|sond*|sonde|sonde
vendaje|bandage,dressing|bendaggio,medicazione|verband|forband|bandaj*,pansament*|obvaz*|pansement,bandage|verband
farmaco,medicamento,medicacion|drug,medication,medicine|farmaco,farmaci|geneesmiddel*,medicatie|lakemedel*|medicament*|lek*|medicament*|medikament*
ingreso|admission|ricovero|opname|inlaggning|internar*|prijet*,hospitalizac*|admission,hospitalisation|aufnahme
embarazo|pregnancy|gravidanza|zwangerschap|graviditet*|sarcin*|tehotenstvi|grossesse|schwangerschaft
parto|delivery,birth,labour,labor|parto|bevalling|forlossning|nastere|porod*|accouchement|geburt,entbindung
caida|fall|caduta|val|fall|cadere|pad,padu|chute|sturz
fuerza|strength|forza|kracht|kraft*|fort*|sil*|force|kraft*
sensibilidad|sensation,sensitivity,sensibility|sensibilita|gevoel,sensibiliteit|kansel,sensibilitet|sensibilitat*|citlivost*|sensibilite|empfindung,sensibilitat
movimiento,movimientos|movement,movements|movimento,movimenti|beweging*|rorelse*|miscar*|pohyb*|mouvement*|bewegung*
marcha|gait,walking|andatura,deambulazione|gang,lopen|gang|mers*|chuz*|marche|gang
habla,lenguaje|speech,language|linguaggio,parola|spraak|sprak*|vorbire|rec,reci|parole,langage|sprache
memoria|memory|memoria|geheugen|minne*|memori*|pamet*|memoire|gedachtnis
conciencia,consciencia|consciousness|coscienza|bewustzijn|medvetande*|constient*|vedom*|conscience|bewusstsein*
sueno|sleep|sonno|slaap|somn*|somn*|span*|sommeil|schlaf*
alimentacion|feeding,nutrition|alimentazione|voeding|nutrition,kost|alimentati*|vyziv*|alimentation|ernahrung
opresivo,opresiva|pressure-like,oppressive,crushing|oppressivo,oppressiva|drukkend*|tryckande|constrictiv*,opresiv*|svirav*|oppressive,constrictive|druckend*
urgente|urgent,emergency|urgente,urgenza|spoed*|akut*,bradskande|urgent*|urgentn*,akutn*|urgent*,urgence|notfall*,dringend*
infiltrante|invasive,infiltrating|infiltrante,invasivo|invasief,infiltrerend*|invasiv*,infiltrer*|invaziv*,infiltrant*|invazivn*|infiltrant,invasif|invasiv*,infiltrierend*
adquirido,adquirida|acquired|acquisito,acquisita|verworven|forvarvad*|dobandit*|ziskan*|acquis,acquise|erworben*
comunidad|community|comunita|gemeenschap,thuis*|samhalls*|comunitat*|komunitn*|communautaire|ambulant*
miembro,miembros,extremidad|limb,limbs,extremity|arto,arti|ledemaat,extremiteit*|extremitet*,ben|membr*|koncetin*|membre*|extremitat*
impotencia|inability,loss|impotenza|onvermogen|oformaga|impotent*|nemoznost*,neschopnost*|impotence|unfahigkeit
niño,nino,nina|child|bambino,bambina|kind|barn*|copil*|dit*|enfant|kind*
`;

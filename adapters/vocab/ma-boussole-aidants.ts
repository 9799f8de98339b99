/**
 * Ma Boussole Aidants "solutions" (sous-thématiques): the producer's national list, with the v1
 * type and thematiques the national pipeline gives each (gip-inclusion/data-inclusion,
 * `stg_ma_boussole_aidants__solutions` and `int_ma_boussole_aidants__services`, MIT).
 */

export interface Solution {
  label: string;
  description: string;
  type: string;
  thematiques: readonly string[];
}

const AIDANTS = 'famille--soutien-aidants';
const SOINS = 'sante--acces-aux-soins';
const MENAGE = 'equipement-et-alimentation--aide-menagere';
const DROITS = 'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits';
const DEMARCHES = 'difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives';
const LOISIRS = 'remobilisation--activites-sportives-et-culturelles';
const GARDE = 'famille--garde-denfants';
const MENTALE = 'sante--sante-mentale';
const LOGEMENT_INFO = 'logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement';

const s = (label: string, type: string, thematiques: string[], description: string): Solution => ({ label, description, type, thematiques });

/** idSousthematiqueSolutions → the solution. */
export const SOLUTIONS: Readonly<Record<string, Solution>> = {
  1: s('Premiers contacts', 'accompagnement', [DROITS, DEMARCHES], 'Interlocuteur de premier niveau pour des conseils, orientation et accompagnement dans les démarches d’accès aux droits et aux aides financières. Ils sont en général la première porte d’entrée dans le parcours d’un aidant.'),
  2: s('Démarches complémentaires', 'accompagnement', [DEMARCHES, DROITS], 'Interlocuteur de second niveau pour toutes démarches de suivi de dossier (aides financières, congé proche aidant…)'),
  3: s('Appui Juridique', 'accompagnement', ['difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire', 'difficultes-financieres--mettre-en-place-une-mesure-de-protection-financiere', DEMARCHES], 'Interlocuteur apportant un soutien sur le plan juridique ou administratif, ou encore permettant la mise en place de la protection des majeurs (tutelle, curatelle).'),
  4: s('Comprendre la situation de mon proche', 'information', ['sante--constituer-un-dossier-mdph-invalidite', AIDANTS], 'Information sur la maladie ou le handicap, orientation dans la recherche de solutions, de structures ou de professionnels spécialisés, accompagnement dans les démarches.'),
  5: s('Soutien', 'atelier', [AIDANTS], 'Ecoute et accompagnement, individuel ou collectif, avec un professionnel ou un bénévole, pour échanger sur sa situation.'),
  6: s('Finances et patrimoine', 'information', [AIDANTS], 'Acteurs renseignant sur les droits et devoirs relatifs aux impôts et patrimoine du proche aidé.'),
  7: s('Aides à domicile', 'aide-materielle', [SOINS, AIDANTS, MENAGE], 'Intervention d’un professionnel à domicile pour les tâches de la vie quotidienne (ménage, préparation des repas, courses, aide à la toilette…) ou pour les soins courants.'),
  8: s('Portage de repas', 'aide-materielle', ['equipement-et-alimentation--alimentation', MENAGE], 'Livraison de repas préparés à domicile pour les personnes dépendantes.'),
  9: s('Relais au domicile', 'aide-materielle', [AIDANTS, MENAGE], 'Intervention d’un professionnel à domicile, en relais du proche aidant, sur une période allant de quelques heures à plusieurs jours.'),
  10: s('Accompagnement à l’autonomie', 'accompagnement', [AIDANTS, 'difficultes-financieres--acquerir-une-autonomie-budgetaire'], 'Accompagnement permettant de développer l’autonomie au quotidien (lieu de vie, courses, vie professionnelle, vie sociale, transports, vie affective et sexuelle…)'),
  11: s('Soins à domicile', 'aide-materielle', [SOINS, AIDANTS], 'Intervention de professionnels de santé - médecins, infirmiers, kinésithérapeutes… - à domicile pour dispenser les soins nécessaires.'),
  12: s('Points d’information', 'information', [LOGEMENT_INFO, AIDANTS], 'Interlocuteur de premier niveau pour des conseils, orientation et accompagnement dans les démarches d’aménagement du logement.'),
  13: s('Diagnostic et adaptation du logement', 'accompagnement', [LOGEMENT_INFO, AIDANTS], 'Acteur proposant une analyse et des recommandations d’adaptation du logement, permettant d’en optimiser le confort et la sécurité.'),
  14: s('Equipement', 'aide-materielle', ['equipement-et-alimentation--electromenager', 'numerique--acquerir-un-equipement', AIDANTS], 'Conseil, vente ou location d’équipements facilitant l’autonomie au domicile ou sur le lieu de travail.'),
  15: s('Téléassistance', 'information', [SOINS, AIDANTS], 'Acteur pouvant conseiller sur des solutions de téléassistance, c’est-à-dire d’équipement permettant de contacter un téléopérateur en cas de chute ou de problème à domicile.'),
  16: s('Services de transports', 'aide-materielle', [SOINS], 'Service assurant le transport des personnes en situation de handicap, malades ou âgées.'),
  17: s('Accompagnement aux déplacements', 'accompagnement', ['mobilite--etre-accompagne-dans-son-parcours-mobilite', 'mobilite--financer-ma-mobilite'], 'Acteurs proposant des sorties accompagnées, de l’aide financière aux déplacements, ou encore de la formation à la mobilité en général.'),
  18: s('Achat, location et adaptation de véhicule', 'aide-materielle', ['mobilite--acceder-a-un-vehicule', 'mobilite--etre-accompagne-dans-son-parcours-mobilite'], 'Acteurs proposant des véhicules adaptés ou aides techniques favorisant les déplacements des personnes à mobilité réduite.'),
  19: s('Formation à la conduite', 'formation', ['mobilite--preparer-un-permis'], 'Auto-école ou centre de formation proposant une formation adaptée pour l’apprentissage ou le réapprentissage de la conduite.'),
  20: s('Lieux de diagnostic', 'accompagnement', [SOINS, MENTALE], 'Structure permettant, à la suite d’une série d’investigations, d’établir un diagnostic - une évaluation - sur les troubles rencontrés.'),
  21: s('Rééducation et suivi thérapeutique', 'aide-materielle', [SOINS], 'Lieu regroupant plusieurs professionnels pour aider la personne à progresser ou la soigner en prenant en compte ses besoins spécifiques.'),
  23: s('Prévention santé', 'accompagnement', [MENTALE, SOINS], 'Bilan de prévention médico-psychologique, conférence ou atelier d’information et de sensibilisation visant à prévenir les facteurs de risques pour la santé.'),
  24: s('Soins palliatifs', 'aide-materielle', [MENTALE, SOINS], 'Soins continus visant à soulager la douleur et limiter la souffrance psychique, dispensés à domicile ou en établissement, par une équipe pluri-disciplinaire.'),
  25: s('Soutien moral', 'atelier', [MENTALE], 'Ecoute et accompagnement, individuel ou collectif, pour être soutenu moralement et psychologiquement dans les différentes étapes du parcours d’aidant.'),
  26: s('Formation de l’aidant', 'formation', [AIDANTS], 'Temps d’échange et de mise en pratique animés par un professionnel et/ou un bénévole formé, pour analyser et comprendre les situations vécues au quotidien et trouver des réponses adaptées.'),
  27: s('Bien-être', 'atelier', [LOISIRS], 'Activités favorisant la détente et le bien-être de l’aidant : sophrologie, yoga, méditation, art-thérapie, massages, zoothérapie...'),
  28: s('Organisateurs de séjour', 'aide-materielle', [LOISIRS], 'Structure organisant des séjours de vacances en milieu ordinaire ou non, adaptés aux besoins spécifiques de la personne.'),
  29: s('Lieux de séjour / vacances', 'aide-materielle', [LOISIRS, AIDANTS], 'Séjour destiné à la personne et à ses proches aidants, offrant une prise en charge adaptée aux besoins de la personne accompagnée.'),
  30: s('Convivialité', 'atelier', ['remobilisation--lien-social'], 'Activité favorisant la vie sociale (jeu, moment convivial, discussion, visites pour les personnes isolées…)'),
  31: s('Activités physiques', 'atelier', [LOISIRS], 'Activité physique adaptée à l’âge et la situation de l’enfant ou de la personne.'),
  32: s('Activités culturelles et artistiques', 'atelier', [LOISIRS], 'Activité culturelle ou artistique adaptée à l’âge et la situation de la personne.'),
  34: s('Activités de bien-être', 'atelier', ['remobilisation--bien-etre-confiance-en-soi', LOISIRS], 'Activités favorisant la détente et le bien-être de l’aidé : sophrologie, yoga, méditation, art-thérapie, massages, zoothérapie...'),
  35: s('Etablissements pour personnes en situation de handicap', 'aide-materielle', [SOINS, DROITS], 'Accueil permanent où des professionnels assurent 24h sur 24 les soins et l’aide au quotidien des personnes en situation de handicap.'),
  36: s('Habitats alternatifs', 'aide-materielle', ['logement-hebergement--acheter-un-logement', 'logement-hebergement--louer-un-logement'], 'Habitat partagé ou participatif, ou habitat accompagné de type colocation, parfois intergénérationnel.'),
  37: s('Résidences pour personnes âgées autonomes', 'aide-materielle', [SOINS], 'Résidences pour personnes âgées, permettant de vivre en autonomie tout en maintenant une vie sociale et en mutualisant certains services.'),
  38: s('Résidences pour personnes âgées dépendantes', 'aide-materielle', [SOINS], 'Accueil permanent pour les personnes âgées en perte d’autonomie ou non avec des services adaptés au besoin de la personne.'),
  39: s('Points d’information sur le répit', 'information', [AIDANTS], 'Points d’information permettant d’orienter l’aidant vers des solutions de relais et de répit.'),
  40: s('Relais au domicile', 'aide-materielle', [AIDANTS, MENAGE], 'Intervention d’un professionnel à domicile, en relais du proche aidant, sur une période allant de quelques heures à plusieurs jours.'),
  41: s('Relais hors du domicile', 'aide-materielle', [AIDANTS, MENAGE], 'Accueil pour les personnes en perte d’autonomie ou handicapées pour une période de quelques heures, plusieurs jours ou plusieurs semaines.'),
  42: s('Crèches, assistantes maternelles', 'aide-materielle', [GARDE], 'Solutions d’accueil pour les enfants qui ne vont pas encore à l’école, certaines équipées pour mieux accueillir les enfants avec un handicap.'),
  43: s('Accueils de loisirs et péri-scolaires', 'aide-materielle', [GARDE, LOISIRS], 'Solutions d’accueil pour les enfants et adolescents après l’école et pendant les congés scolaires.'),
  44: s('Baby-sitting', 'aide-materielle', [GARDE], 'Solution de garde à domicile, qui propose des intervenants formés ou sensibilisés au handicap.'),
  45: s('Scolarisation à l’école ordinaire', 'accompagnement', [GARDE], 'Classes adaptées en école ordinaire, et solutions de soutien à la scolarité et d’accompagnement à l’autonomie pour les enfants handicapés.'),
  46: s('Scolarisation en établissements spécialisés', 'accompagnement', [GARDE, SOINS], 'Etablissement spécialisé proposant des enseignements adaptés et des soins.'),
  48: s('Aide aux étudiants', 'accompagnement', [DROITS, 'logement-hebergement--rechercher-une-solution-dhebergement-temporaire', 'equipement-et-alimentation--alimentation'], 'Dispositifs spécifiques d’accueil, de logement, de restauration ou d’accompagnement permettant de poursuivre un cursus ordinaire de formation.'),
  49: s('Formations, insertion professionnelle', 'formation', ['se-former--monter-son-dossier-de-formation', 'trouver-un-emploi--maintien-dans-lemploi'], 'Accompagnement permettant de sécuriser le parcours de formation, d’accès ou de maintien en emploi d’une personne en situation de handicap.'),
  50: s('Secteur protégé ou adapté', 'accompagnement', ['trouver-un-emploi--maintien-dans-lemploi'], 'Etablissements offrant des conditions de travail particulièrement aménagées permettant à des personnes handicapées de travailler.'),
  51: s('Soins à domicile', 'aide-materielle', [SOINS], 'Intervention de professionnels de santé - médecins, infirmiers, kinésithérapeutes… - à domicile pour dispenser les soins nécessaires.'),
};

/// The words of the AAF that Bascule knows, per kind of file: the categories a record may carry,
/// and every attribute name a real export uses. Sources: the samples of `../shared/fixtures/aaf`
/// (2D exports of 2020 and 2024), and the dictionary of the open-source ENT that reads these
/// files (edificeio/entcore, `feeder/src/main/resources/dictionary/mapping/aaf/*.json` for the
/// 2D, `…/aaf1d/*.json` for the écoles). `docs/aaf.md` lists them with the fixture that covers each.
public enum AAFVocabulary {
    /// The categories a record of each kind of file may carry (`categoriePersonne`,
    /// `categorieStructure`, `categorieMatiere`, `categorieMef`). Subject files are named
    /// `MatiereEducNat`, but their records say `MatEducNat`.
    public static let categories: [AAFKind: [String]] = [
        .establishment: ["EtabEducNat"],
        .subject: ["MatEducNat"],
        .mef: ["MefEducNat"],
        .student: ["Eleve"],
        .parent: ["PersRelEleve"],
        .personnel: ["PersEducNat"],
    ]

    /// Where the 2D and the 1D name the same thing differently, the names in the order they are read.
    public static let lastName = ["sn", "ENTPersonNom"]
    public static let firstName = ["givenName", "ENTPersonPrenom"]
    public static let mail = ["mail", "ENTPersonMail"]
    public static let studentClasses = ["ENTEleveClasses", "ENTPersonClasses"]
    public static let studentGroups = ["ENTEleveGroupes", "ENTPersonGroupes"]

    private static let person: Set<String> = [
        "ENTPersonJointure", "ENTPersonDateNaissance", "sn", "givenName", "ENTPersonNom", "ENTPersonPrenom",
        "ENTPersonAutresPrenoms", "ENTPersonNomPatro", "personalTitle", "ENTPersonCivilite", "mail", "ENTPersonMail",
        "ENTPersonStructRattach", "ENTPersonAdresse", "ENTPersonCodePostal", "ENTPersonVille", "ENTPersonPays", "homePhone",
    ]

    /// Every attribute name known per kind of file, read or not. Any other is ignored and
    /// counted in the import's report.
    public static let attributes: [AAFKind: Set<String>] = [
        .establishment: [
            "ENTStructureJointure", "ENTStructureUAI", "ENTEtablissementUAI", "ENTStructureSIREN", "ENTStructureNomCourant",
            "ENTStructureTypeStruct", "ENTStructureCodeTypeStruct", "ENTEtablissementMinistereTutelle",
            "ENTEtablissementCodeMinistereTutelle", "ENTEtablissementContrat", "postOfficeBox", "street", "postalCode", "l",
            "telephoneNumber", "facsimileTelephoneNumber", "ENTEtablissementStructRattachFctl", "ENTEtablissementBassin",
            "ENTServAcAcademie", "ENTServAcCodeAcademie", "ENTServCodeAcAcademie", "ENTStructureClasses", "ENTStructureGroupes",
            "ENTStructureMailSI", "ENTStructureEmail",
            // 1D (écoles)
            "ENTEcoleMinistereTutelle", "ENTEcoleCodeMinistereTutelle", "ENTStructureBoitePostale", "ENTStructureAdresse",
            "ENTStructureCodePostal", "ENTStructureVille", "ENTStructureTelephone", "ENTStructureFax", "ENTEcoleSecteur",
            "ENTEcoleCirconscription", "ENTEcoleCommune", "ENTEcoleRPI",
        ],
        .subject: ["ENTMatJointure", "ENTLibelleMatiere", "ENTMatiereRattach"],
        .mef: ["ENTMefJointure", "ENTLibelleMef", "ENTMEFRattach", "ENTMEFSTAT11", "ENTNivFormation", "ENTFiliere"],
        .student: person.union([
            "ENTEleveINE", "ENTElevePersRelEleve", "ENTEleveRegime", "ENTEleveMEF", "ENTEleveLibelleMEF", "ENTEleveClasses",
            "ENTEleveGroupes", "ENTEleveNivFormation", "ENTEleveFiliere", "ENTEleveBoursier", "ENTEleveTransport",
            "ENTEleveStatutEleve", "ENTEleveStructRattachId", "ENTEleveCodeEnseignements", "ENTEleveEnseignements",
            "ENTEleveAdresseRel", "ENTEleveDateEntreeClasses", "ENTEleveDateSortieClasses", "ENTEleveParents", "ENTElevePere",
            "ENTEleveMere", "ENTEleveAutoriteParentale", "ENTElevePersRelEleve1", "ENTEleveQualitePersRelEleve1",
            "ENTElevePersRelEleve2", "ENTEleveQualitePersRelEleve2",
            // 1D (écoles)
            "ENTPersonClasses", "ENTPersonGroupes", "ENTEleveNiveau", "ENTEleveCycle", "ENTEleveTypeClasse",
            "ENTEleveRestaurantScolaire", "ENTEleveGarderieMatin", "ENTEleveGarderieSoir", "ENTEleveEtudesSurveillees",
        ]),
        .parent: person.union([
            "telephoneNumber", "ENTPersonAdresseDiffusion", "mobile", "ENTPersonMobileSMS", "ENTAuxPersRelEleveEleve",
            // 1D (écoles)
            "ENTPersonTelPerso", "ENTPersRelEleveTelPro", "ENTPersRelEleveTelMobile",
        ]),
        .personnel: person.union([
            "ENTAuxEnsCategoDiscipline", "ENTAuxEnsMEF", "ENTAuxEnsMatiereEnseignEtab", "ENTAuxEnsClasses", "ENTAuxEnsGroupes",
            "ENTAuxEnsClassesMatieres", "ENTAuxEnsGroupesMatieres", "ENTAuxEnsClassesPrincipal", "ENTEnsFonctionDir",
            "ENTPersonFonctions", "PersEducNatPresenceDevantEleves", "ENTAuxEnsDisciplinesPoste", "ENTPersonCategorieEnseignant",
            // 1D (écoles)
            "ENTEnsSpecialites",
        ]),
    ]
}

extension AAFRecord {
    /// The first value of the first of `names` the record has.
    public func value(_ names: [String]) -> String? {
        names.lazy.compactMap { value($0) }.first
    }

    /// The values of the first of `names` the record has.
    public func values(_ names: [String]) -> [String] {
        names.lazy.map { values($0) }.first { !$0.isEmpty } ?? []
    }

    /// `$`-separated fields of the values of the first of `names` the record has.
    public func fields(_ names: [String]) -> [[String]] {
        values(names).map { $0.split(separator: "$", omittingEmptySubsequences: false).map(String.init) }
    }
}

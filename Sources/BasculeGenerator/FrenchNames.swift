import BasculeDomain

/// Common French names, enough for logins to need the deduplication a real ENT needs.
public enum FrenchNames {
    static let last = [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
        "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
        "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
        "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
        "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
        "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
        "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
        "Nguyen", "Benali", "Haddad", "Diallo", "Traoré", "Da Silva", "Ferreira", "Lopez", "Sanchez", "Cohen",
    ]

    static let femaleFirst = [
        "Emma", "Jade", "Louise", "Alice", "Chloé", "Lina", "Léa", "Rose", "Anna", "Mila",
        "Inès", "Ambre", "Julia", "Mia", "Léna", "Manon", "Juliette", "Lou", "Zoé", "Camille",
        "Sarah", "Agathe", "Jeanne", "Romane", "Louna", "Nina", "Eva", "Adèle", "Iris", "Lucie",
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Valérie", "Sandrine", "Céline", "Aurélie",
    ]

    static let maleFirst = [
        "Gabriel", "Léo", "Raphaël", "Arthur", "Louis", "Lucas", "Adam", "Jules", "Hugo", "Maël",
        "Liam", "Noah", "Paul", "Ethan", "Tiago", "Sacha", "Gabin", "Nathan", "Mohamed", "Aaron",
        "Tom", "Théo", "Noé", "Victor", "Martin", "Mathis", "Axel", "Timéo", "Nolan", "Enzo",
        "Philippe", "Laurent", "Stéphane", "Nicolas", "Christophe", "Frédéric", "David", "Olivier", "Julien", "Sébastien",
    ]

    static let towns = [
        "Lyon", "Villeurbanne", "Vénissieux", "Bron", "Grenoble", "Échirolles", "Saint-Étienne", "Roanne",
        "Annecy", "Chambéry", "Valence", "Bourg-en-Bresse", "Clermont-Ferrand", "Vichy", "Aurillac", "Le Puy-en-Velay",
        "Montélimar", "Vienne", "Oyonnax", "Thonon-les-Bains", "Aubenas", "Privas", "Moulins", "Montluçon",
    ]

    static let patrons = [
        "Jean Moulin", "Victor Hugo", "Jules Ferry", "Marie Curie", "Louis Pasteur", "Jean Jaurès", "Albert Camus",
        "Simone Veil", "George Sand", "Jacques Prévert", "Pierre et Marie Curie", "Condorcet", "Lamartine",
        "Honoré de Balzac", "Ampère", "Émile Zola", "Colette", "Jean Monnet", "Lucie Aubrac", "Antoine de Saint-Exupéry",
    ]
}

//! Built-in topics: countries with their adjectives and other names, and major organisations.
//!
//! One entry a line: `Canonical name | adjectives | other names`. Matching is case-sensitive
//! (`US` is a country, `us` is not) and on word boundaries. An adjective also matches with an
//! `s` when it names people (`Ukrainians`, `Israelis`). Names that are also common first names or
//! places elsewhere (Chad, Jordan, Georgia) are left out; a topic profile can add them.

pub const TOPICS: &str = "\
Afghanistan | Afghan |
Albania | Albanian |
Algeria | Algerian |
Andorra | Andorran |
Angola | Angolan |
Antigua and Barbuda | Antiguan |
Argentina | Argentine, Argentinian |
Armenia | Armenian |
Australia | Australian |
Austria | Austrian |
Azerbaijan | Azerbaijani |
Bahamas | Bahamian | The Bahamas
Bahrain | Bahraini |
Bangladesh | Bangladeshi |
Barbados | Barbadian |
Belarus | Belarusian |
Belgium | Belgian |
Belize | Belizean |
Benin | Beninese |
Bhutan | Bhutanese |
Bolivia | Bolivian |
Bosnia and Herzegovina | Bosnian | Bosnia
Botswana | |
Brazil | Brazilian |
Brunei | |
Bulgaria | Bulgarian |
Burkina Faso | Burkinabe |
Burundi | Burundian |
Cambodia | Cambodian |
Cameroon | Cameroonian |
Canada | Canadian |
Cape Verde | Cape Verdean | Cabo Verde
Central African Republic | | CAR
Chile | Chilean |
China | Chinese | People's Republic of China, PRC
Colombia | Colombian |
Comoros | Comorian |
Costa Rica | Costa Rican |
Croatia | Croatian |
Cuba | Cuban |
Cyprus | Cypriot |
Czech Republic | Czech | Czechia
Democratic Republic of the Congo | Congolese | DR Congo, DRC
Denmark | Danish | Danes
Djibouti | Djiboutian |
Dominica | |
Dominican Republic | Dominican |
East Timor | Timorese | Timor-Leste
Ecuador | Ecuadorian |
Egypt | Egyptian |
El Salvador | Salvadoran |
Equatorial Guinea | Equatoguinean |
Eritrea | Eritrean |
Estonia | Estonian |
Eswatini | | Swaziland
Ethiopia | Ethiopian |
Fiji | Fijian |
Finland | Finnish | Finns
France | French |
Gabon | Gabonese |
Gambia | Gambian | The Gambia
Germany | German |
Ghana | Ghanaian |
Greece | Greek |
Grenada | Grenadian |
Guatemala | Guatemalan |
Guinea | Guinean |
Guinea-Bissau | |
Guyana | Guyanese |
Haiti | Haitian |
Honduras | Honduran |
Hungary | Hungarian |
Iceland | Icelandic | Icelanders
India | Indian |
Indonesia | Indonesian |
Iran | Iranian |
Iraq | Iraqi |
Ireland | Irish | Republic of Ireland
Israel | Israeli |
Italy | Italian |
Ivory Coast | Ivorian | Côte d'Ivoire, Côte d’Ivoire, Cote d'Ivoire
Jamaica | Jamaican |
Japan | Japanese |
Kazakhstan | Kazakh |
Kenya | Kenyan |
Kiribati | |
Kosovo | Kosovar |
Kuwait | Kuwaiti |
Kyrgyzstan | Kyrgyz |
Laos | Laotian, Lao |
Latvia | Latvian |
Lebanon | Lebanese |
Lesotho | |
Liberia | Liberian |
Libya | Libyan |
Liechtenstein | |
Lithuania | Lithuanian |
Luxembourg | |
Madagascar | Malagasy |
Malawi | Malawian |
Malaysia | Malaysian |
Maldives | Maldivian |
Mali | Malian |
Malta | Maltese |
Marshall Islands | |
Mauritania | Mauritanian |
Mauritius | Mauritian |
Mexico | Mexican |
Micronesia | Micronesian |
Moldova | Moldovan |
Monaco | Monegasque |
Mongolia | Mongolian |
Montenegro | Montenegrin |
Morocco | Moroccan |
Mozambique | Mozambican |
Myanmar | | Burma
Namibia | Namibian |
Nauru | |
Nepal | Nepali, Nepalese |
Netherlands | Dutch | Holland, The Netherlands
New Zealand | | New Zealanders
Nicaragua | Nicaraguan |
Niger | Nigerien |
Nigeria | Nigerian |
North Korea | North Korean | DPRK
North Macedonia | Macedonian | Macedonia
Norway | Norwegian |
Oman | Omani |
Pakistan | Pakistani |
Palau | |
Palestine | Palestinian | Palestinian territories
Panama | Panamanian |
Papua New Guinea | | PNG
Paraguay | Paraguayan |
Peru | Peruvian |
Philippines | Filipino, Philippine | The Philippines, Filipinos
Poland | Polish | Poles
Portugal | Portuguese |
Qatar | Qatari |
Republic of the Congo | | Congo-Brazzaville
Romania | Romanian |
Russia | Russian | Russian Federation
Rwanda | Rwandan |
Saint Kitts and Nevis | |
Saint Lucia | |
Saint Vincent and the Grenadines | |
Samoa | Samoan |
San Marino | |
Sao Tome and Principe | | São Tomé and Príncipe
Saudi Arabia | Saudi |
Senegal | Senegalese |
Serbia | Serbian | Serbs
Seychelles | |
Sierra Leone | Sierra Leonean |
Singapore | Singaporean |
Slovakia | Slovak |
Slovenia | Slovenian, Slovene |
Solomon Islands | |
Somalia | Somali |
South Africa | South African |
South Korea | South Korean | Republic of Korea, ROK
South Sudan | South Sudanese |
Spain | Spanish | Spaniards
Sri Lanka | Sri Lankan |
Sudan | Sudanese |
Suriname | Surinamese |
Sweden | Swedish | Swedes
Switzerland | Swiss |
Syria | Syrian |
Taiwan | Taiwanese |
Tajikistan | Tajik |
Tanzania | Tanzanian |
Thailand | Thai |
Togo | Togolese |
Tonga | Tongan |
Trinidad and Tobago | Trinidadian |
Tunisia | Tunisian |
Turkey | Turkish | Türkiye, Turks
Turkmenistan | Turkmen |
Tuvalu | |
Uganda | Ugandan |
Ukraine | Ukrainian |
United Arab Emirates | Emirati | UAE
United Kingdom | British | UK, U.K., Britain, Great Britain, Britons
United States | American | US, U.S., USA, U.S.A., United States of America
Uruguay | Uruguayan |
Uzbekistan | Uzbek |
Vanuatu | |
Vatican City | | Vatican, Holy See
Venezuela | Venezuelan |
Vietnam | Vietnamese | Viet Nam
Yemen | Yemeni |
Zambia | Zambian |
Zimbabwe | Zimbabwean |
NATO | | Nato, North Atlantic Treaty Organization, North Atlantic Treaty Organisation
European Union | | EU, E.U.
United Nations | | UN, U.N., UN Security Council, United Nations Security Council
International Monetary Fund | | IMF
World Bank | |
World Health Organization | | WHO, World Health Organisation
World Trade Organization | | WTO, World Trade Organisation
OPEC | | Organization of the Petroleum Exporting Countries
OSCE | | Organization for Security and Co-operation in Europe
African Union | |
ASEAN | | Association of Southeast Asian Nations
G7 | | Group of Seven
G20 | | Group of 20
International Criminal Court | | ICC
International Atomic Energy Agency | | IAEA
";

/// Longer names that contain a built-in name but mean something else: they match first and
/// name no topic (`Latin America` is not the United States, `New Mexico` not Mexico).
pub const BLOCKERS: &[&str] = &[
    "Latin America",
    "Latin American",
    "Latin Americans",
    "South America",
    "South American",
    "South Americans",
    "North America",
    "North American",
    "North Americans",
    "Central America",
    "Central American",
    "Central Americans",
    "Native American",
    "Native Americans",
    "New Mexico",
    "New Mexican",
    "Indian Ocean",
    "American Samoa",
    "Guinea pig",
    "French fries",
    "Turkish delight",
];

/// (pattern, canonical name) for every spelling of the built-in topics.
/// Every spelling with its topic, and whether it is a name (`Russia`, `PRC`) rather than an
/// adjective or demonym (`Russian`, `Russians`).
pub fn spellings() -> Vec<(String, &'static str, bool)> {
    let mut spellings = Vec::new();
    for line in TOPICS.lines().filter(|line| !line.trim().is_empty()) {
        let mut parts = line.split('|').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let adjectives = parts.next().unwrap_or_default();
        let others = parts.next().unwrap_or_default();
        spellings.push((name.to_owned(), name, true));
        for adjective in adjectives
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            spellings.push((adjective.to_owned(), name, false));
            if adjective.ends_with(['n', 'i']) {
                spellings.push((format!("{adjective}s"), name, false));
            }
        }
        for other in others.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            spellings.push((other.to_owned(), name, true));
        }
    }
    spellings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_well_formed() {
        for line in TOPICS.lines() {
            assert_eq!(line.matches('|').count(), 2, "{line}");
        }
        let spellings = spellings();
        assert!(spellings.contains(&("Ukrainians".to_owned(), "Ukraine", false)));
        assert!(spellings.contains(&("US".to_owned(), "United States", true)));
        assert!(spellings.contains(&("NATO".to_owned(), "NATO", true)));
        let mut seen = std::collections::HashMap::new();
        for (spelling, name, _) in &spellings {
            if let Some(other) = seen.insert(spelling.clone(), *name) {
                assert_eq!(other, *name, "{spelling} names two topics");
            }
        }
    }
}

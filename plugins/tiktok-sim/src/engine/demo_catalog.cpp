#include "demo_catalog.hpp"

namespace kingkung::sim::detail {
namespace {

const std::vector<category_info> category_table = {
    {"601739", "Phones & Electronics", "Mobile Phones", 1, "Color", {"Black", "Blue", "Silver"}, 420},
    {"600942", "Beauty & Personal Care", "Makeup", 3, "Shade", {"Ruby", "Nude", "Coral"}, 80},
    {"602118", "Toys & Hobbies", "Educational Toys", 2, "Set", {"Basic", "Deluxe", "Travel"}, 650},
    {"600154", "Home Supplies", "Kitchenware", 0, "Color", {"Black", "Grey", "Green"}, 900},
    {"601152", "Womenswear & Underwear", "Women's Tops", 0, "Size", {"S", "M", "L"}, 220},
    {"605248", "Sports & Outdoor", "Fitness Equipment", 0, "Color", {"Purple", "Black", "Blue"}, 700},
    {"601755", "Phones & Electronics", "Headphones", 0, "Color", {"Black", "White", "Pink"}, 250},
};

const std::vector<product_template> template_table = {
    {"601739", "Smartphone 6.5\" 128GB Dual SIM Unlocked", "Smartphone 6.5\" 128 GB Doble SIM Liberado",
     "Smartphone 6,5\" 128 GB Dual Chip Desbloqueado", "Novaphone", "PHN", 18900},
    {"600942", "Matte Liquid Lipstick Long Lasting", "Labial Líquido Mate de Larga Duración",
     "Batom Líquido Matte de Longa Duração", "Lumière", "LIP", 899},
    {"602118", "Magnetic Building Blocks 64 Pieces", "Bloques Magnéticos de Construcción 64 Piezas",
     "Blocos Magnéticos de Montar 64 Peças", "Brightkid", "BLK", 2499},
    {"600154", "Stainless Steel Kitchen Knife Set 6 Pieces",
     "Juego de Cuchillos de Cocina de Acero Inoxidable 6 Piezas",
     "Jogo de Facas de Cozinha em Aço Inox 6 Peças", "Casaforte", "KNF", 2999},
    {"601152", "Women's Oversized Cotton T-Shirt", "Playera Oversize de Algodón para Mujer",
     "Camiseta Oversized de Algodão Feminina", "Daybloom", "TSH", 1299},
    {"605248", "Resistance Bands Set 5 Levels", "Set de Bandas de Resistencia 5 Niveles",
     "Kit de Faixas Elásticas 5 Níveis", "Fitcore", "BND", 1499},
    {"601755", "Wireless Earbuds Bluetooth 5.3 Noise Cancelling",
     "Audífonos Inalámbricos Bluetooth 5.3 con Cancelación de Ruido",
     "Fones de Ouvido Sem Fio Bluetooth 5.3 com Cancelamento de Ruído", "Soundpeak", "EAR", 2599},
    {"601739", "Smartphone 6.1\" 64GB 4G", "Smartphone 6.1\" 64 GB 4G", "Smartphone 6,1\" 64 GB 4G",
     "Novaphone", "PHS", 12900},
    {"600942", "Eyeshadow Palette 18 Colors", "Paleta de Sombras 18 Colores", "Paleta de Sombras 18 Cores",
     "Lumière", "EYE", 1299},
    {"602118", "Wooden Puzzle Set for Kids", "Set de Rompecabezas de Madera para Niños",
     "Kit de Quebra-Cabeças de Madeira Infantil", "Brightkid", "PZL", 1599},
    {"600154", "Silicone Cooking Utensils 12 Pieces", "Utensilios de Cocina de Silicona 12 Piezas",
     "Utensílios de Cozinha de Silicone 12 Peças", "Casaforte", "UTN", 1899},
    {"601152", "Women's Ribbed Knit Crop Top", "Top Corto de Punto Acanalado para Mujer",
     "Cropped Canelado Feminino", "Daybloom", "CRP", 999},
    {"605248", "Non-slip Yoga Mat 6 mm", "Tapete de Yoga Antiderrapante 6 mm",
     "Tapete de Yoga Antiderrapante 6 mm", "Fitcore", "YGM", 2199},
    {"601755", "Over-ear Wireless Headphones 40h Battery",
     "Audífonos de Diadema Inalámbricos 40 h de Batería", "Headphone Sem Fio Over-ear 40 h de Bateria",
     "Soundpeak", "HDP", 3999},
};

const std::vector<std::string> mx_first = {"María Fernanda", "José Luis",  "Guadalupe", "Juan Carlos",
                                           "Sofía",          "Luis Ángel", "Valeria",   "Miguel",
                                           "Ximena",         "Diego"};
const std::vector<std::string> mx_last = {"Hernández", "García", "Martínez", "López",   "González",
                                          "Rodríguez", "Pérez",  "Sánchez",  "Ramírez", "Flores"};
const std::vector<city_info> mx_cities = {
    {"Ciudad de México", "CMX", "Cuauhtémoc", "Roma Norte", "06700", 0, 0},
    {"Jalisco", "JAL", "Guadalajara", "Americana", "44160", 0, 0},
    {"Nuevo León", "NLE", "Monterrey", "Centro", "64000", 0, 0},
    {"Puebla", "PUE", "Puebla", "El Carmen", "72530", 0, 0},
    {"Yucatán", "YUC", "Mérida", "García Ginerés", "97070", 0, 0},
};
const std::vector<std::string> mx_streets = {"Av. Álvaro Obregón", "Calle Morelos", "Av. Chapultepec",
                                             "Calle Hidalgo",      "Av. Juárez",    "Calle 60"};
const std::vector<std::pair<std::string, std::string>> mx_carriers = {{"Estafeta", "7117858858072016686"},
                                                                      {"J&T Express", "7129720299146184490"}};

const std::vector<std::string> br_first = {"Ana",   "João",    "Maria Eduarda", "Pedro",   "Juliana",
                                           "Lucas", "Beatriz", "Gabriel",       "Larissa", "Rafael"};
const std::vector<std::string> br_last = {"Silva",   "Santos", "Oliveira", "Souza",   "Lima",
                                          "Pereira", "Costa",  "Ferreira", "Almeida", "Carvalho"};
const std::vector<city_info> br_cities = {
    {"São Paulo", "SP", "São Paulo", "Pinheiros", "05422-000", 0, 0},
    {"Rio de Janeiro", "RJ", "Rio de Janeiro", "Copacabana", "22070-011", 0, 0},
    {"Minas Gerais", "MG", "Belo Horizonte", "Savassi", "30140-071", 0, 0},
    {"Paraná", "PR", "Curitiba", "Batel", "80420-090", 0, 0},
    {"Bahia", "BA", "Salvador", "Barra", "40140-130", 0, 0},
};
const std::vector<std::string> br_streets = {"Rua dos Pinheiros", "Avenida Atlântica", "Rua Pernambuco",
                                             "Avenida Sete de Setembro", "Rua Marquês de Caravelas"};
const std::vector<std::pair<std::string, std::string>> br_carriers = {{"Correios", "7208502187360519982"},
                                                                      {"Loggi", "7208502187360519983"}};

const std::vector<std::string> en_first = {"Emily", "Michael", "Jessica", "David",  "Ashley",
                                           "James", "Sarah",   "Daniel",  "Olivia", "Ethan"};
const std::vector<std::string> en_last = {"Smith",  "Johnson", "Williams", "Brown",  "Jones",
                                          "Miller", "Davis",   "Wilson",   "Taylor", "Clark"};
const std::vector<city_info> us_cities = {
    {"California", "CA", "Los Angeles", "Downtown", "90012", 725, 0},
    {"Texas", "TX", "Austin", "Downtown", "78701", 625, 0},
    {"New York", "NY", "Brooklyn", "Brooklyn Heights", "11201", 400, 0},
    {"Florida", "FL", "Miami", "Brickell", "33130", 600, 0},
    {"Colorado", "CO", "Denver", "LoDo", "80202", 290, 28},
};
const std::vector<std::string> us_streets = {"Main St",     "Oak Ave", "Maple Dr",
                                             "Sunset Blvd", "Pine St", "Cedar Ln"};
const std::vector<std::pair<std::string, std::string>> us_carriers = {
    {"USPS", "6617675021119438849"}, {"UPS", "7117859084333745966"}, {"FedEx", "7117858858072016687"}};
const std::vector<city_info> generic_cities = {
    {"", "", "Capital City", "Centre", "10001", 0, 0},
    {"", "", "Harbour Town", "Old Town", "20002", 0, 0},
};
const std::vector<std::string> generic_streets = {"High Street", "Station Road", "Market Square"};
const std::vector<std::pair<std::string, std::string>> generic_carriers = {
    {"TikTok Shipping", "7000000000000000001"}};

const std::vector<region_info> region_table = {
    {"MX", "MXN", "Mexico", "es", "(+52)", 17, 1, 599, &mx_first, &mx_last, &mx_cities, &mx_streets,
     &mx_carriers},
    {"BR", "BRL", "Brazil", "pt", "(+55)", 5, 1, 399, &br_first, &br_last, &br_cities, &br_streets,
     &br_carriers},
    {"US", "USD", "United States", "en", "(+1)", 1, 1, 599, &en_first, &en_last, &us_cities, &us_streets,
     &us_carriers},
    {"GB", "GBP", "United Kingdom", "en", "(+44)", 4, 5, 399, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"DE", "EUR", "Germany", "en", "(+49)", 23, 25, 499, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"FR", "EUR", "France", "en", "(+33)", 23, 25, 499, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"ES", "EUR", "Spain", "es", "(+34)", 23, 25, 499, &mx_first, &mx_last, &generic_cities, &generic_streets,
     &generic_carriers},
    {"IT", "EUR", "Italy", "en", "(+39)", 23, 25, 499, &en_first, &en_last, &generic_cities, &generic_streets,
     &generic_carriers},
    {"IE", "EUR", "Ireland", "en", "(+353)", 23, 25, 499, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"JP", "JPY", "Japan", "en", "(+81)", 3, 2, 499, &en_first, &en_last, &generic_cities, &generic_streets,
     &generic_carriers},
    {"ID", "IDR", "Indonesia", "en", "(+62)", 156, 1, 199, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"MY", "MYR", "Malaysia", "en", "(+60)", 47, 10, 199, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"PH", "PHP", "Philippines", "en", "(+63)", 56, 1, 199, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"SG", "SGD", "Singapore", "en", "(+65)", 27, 20, 299, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"TH", "THB", "Thailand", "en", "(+66)", 36, 1, 199, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
    {"VN", "VND", "Vietnam", "en", "(+84)", 250, 1, 199, &en_first, &en_last, &generic_cities,
     &generic_streets, &generic_carriers},
};

}  // namespace

const std::vector<category_info>& categories() {
  return category_table;
}

const category_info* find_category(std::string_view id) {
  for (const auto& c : category_table)
    if (c.id == id) return &c;
  return nullptr;
}

const std::vector<product_template>& product_templates() {
  return template_table;
}

bool known_region(std::string_view region) {
  for (const auto& r : region_table)
    if (r.region == region) return true;
  return false;
}

std::vector<std::string> known_regions() {
  std::vector<std::string> out;
  for (const auto& r : region_table) out.emplace_back(r.region);
  return out;
}

const region_info& region_data(std::string_view region) {
  for (const auto& r : region_table)
    if (r.region == region) return r;
  return region_table[2];  // settings only accept known regions; US data is the fallback
}

std::string_view localized_title(const product_template& t, std::string_view language) {
  if (language == "es") return t.title_es;
  if (language == "pt") return t.title_pt;
  return t.title_en;
}

}  // namespace kingkung::sim::detail

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-demo-generator"

#include "config.h"

#include <string.h>

#include "pb-demo-server-private.h"

/* Realistic generated data sets for tests and benchmarks: connections made from templates of
 * real services, with names in several styles and scripts, both system types, NONE and OAUTH,
 * filled tables. The same seed gives the same connections. */

/* {{{ Templates */

typedef struct
{
  const char *label;
  const char *key;
  const char *type;
  const char *example;
} GenInput;

typedef struct
{
  const char *label;
  const char *reference;
  const char *type;
} GenOutput;

typedef struct
{
  const char *name;
  const char *description;
  const char *system_type;
  const char *method;
  const char *host;
  const char *path;
  const char *body;
  const char *icon;
  const char *sample;
  GenInput    inputs[4];
  GenOutput   outputs[5];
} GenTemplate;

static const GenTemplate gen_templates[] = {
  { "Weather forecast", "Current conditions and a three-day forecast for the guest's location.",
    "DATA_SYSTEM", "GET", "api.weather.example.com",
    "/v1/forecast?lat=${lat}&lon=${lon}&units=metric",
    NULL, "fad fa-cloud-sun",
    "{\"temperature\":21.5,\"condition\":\"partly-cloudy\",\"precipitation\":0.2}",
    { { "Latitude", "lat", "string", "52.37" }, { "Longitude", "lon", "string", "4.89" } },
    { { "Temperature", "temperature", "number" }, { "Condition", "condition", "string" },
      { "Precipitation", "precipitation", "number" } } },
  { "Loyalty balance", "Points balance and tier of a loyalty member.",
    "DATA_SYSTEM", "GET", "loyalty.example.com", "/api/members/${memberId}/balance",
    NULL, "assets/images/icons/connections/loyalty.png",
    "{\"points\":12840,\"tier\":\"Gold\",\"expiringPoints\":300}",
    { { "Member ID", "memberId", "string", "LM-0042-7781" } },
    { { "Points", "points", "number" }, { "Tier", "tier", "String" },
      { "Expiring points", "expiringPoints", "number" } } },
  { "CRM contact lookup", "Finds the CRM contact for an email address.",
    "DATA_SYSTEM", "GET", "crm.example.net", "/v2/contacts?email=${email}",
    NULL, "assets/images/icons/connections/crm.png",
    "{\"firstName\":\"Ada\",\"segment\":\"returning\",\"lifetimeValue\":1830.4,\"optIn\":true}",
    { { "Email", "email", "string", "ada@example.com" } },
    { { "First name", "firstName", "string" }, { "Segment", "segment", "string" },
      { "Lifetime value", "lifetimeValue", "number" }, { "Opt-in", "optIn", "boolean" } } },
  { "SMS gateway", "Sends a text message to the guest.",
    "DESTINATION", "POST", "sms.example.com", "/v1/messages",
    "{\n  \"to\": \"${phone}\",\n  \"text\": \"${text}\"\n}", "fad fa-sms", "",
    { { "Phone", "phone", "string", "+15550100" },
      { "Text", "text", "string", "Your order has shipped" } },
    { { "Message id", "id", "String" } } },
  { "Transactional email", "Sends a templated email through the mail service.",
    "DESTINATION", "POST", "mail.example.com", "/api/1.0/messages/send-template.json",
    "{\"key\":\"${key}\",\"template_name\":\"${template}\",\"message\":${message}}",
    "assets/images/channel-images/email.svg",
    "{\"key\":\"RkeVXoh0NB5K8nGUH-Ew7w\",\"template_name\":\"welcome\",\"message\":{\"to\":"
    "[{\"email\":\"recipient@example.com\"}]}}",
    { { "API key", "key", "string", "RkeVXoh0NB5K8nGUH-Ew7w" },
      { "Template", "template", "string", "welcome" },
      { "Message", "message", "object",
        "{\"to\":[{\"email\":\"recipient@example.com\",\"name\":\"Ada\"}]}" } },
    { { "Status", "status", "string" }, { "Reject reason", "reject_reason", "String" } } },
  { "Product recommendations", "Products to offer next, from the recommendation engine.",
    "DATA_SYSTEM", "POST", "reco.example.io", "/v3/recommendations",
    "{\"customerId\":\"${customerId}\",\"context\":\"${page}\",\"limit\":${limit}}",
    "assets/images/icons/connections/recommendations.png",
    "{\"strategy\":\"similar-items\",\"products\":[{\"sku\":\"SKU-1001\",\"score\":0.93}]}",
    { { "Customer ID", "customerId", "string", "C-88213" },
      { "Page", "page", "string", "product-detail" }, { "Limit", "limit", "number", "4" } },
    { { "Products", "products", "Object" }, { "Strategy", "strategy", "string" } } },
  { "Stock availability", "Units in stock for a product at a store.",
    "DATA_SYSTEM", "GET", "inventory.example.com", "/stock/${sku}?store=${storeId}",
    NULL, "fad fa-boxes",
    "{\"available\":true,\"quantity\":17}",
    { { "SKU", "sku", "string", "SKU-1001" }, { "Store", "storeId", "string", "AMS-01" } },
    { { "Available", "available", "boolean" }, { "Quantity", "quantity", "number" } } },
  { "Fraud score", "Risk score of an order before it is confirmed.",
    "DATA_SYSTEM", "POST", "risk.example.org", "/v1/score",
    "{\"orderId\":\"${orderId}\",\"amount\":${amount},\"currency\":\"${currency}\"}",
    "fad fa-shield-alt",
    "{\"score\":0.07,\"decision\":\"ACCEPT\",\"reasons\":[]}",
    { { "Order ID", "orderId", "string", "ORD-2024-118" },
      { "Amount", "amount", "number", "129.90" },
      { "Currency", "currency", "string", "EUR" } },
    { { "Score", "score", "number" }, { "Decision", "decision", "String" },
      { "Reasons", "reasons", "Object" } } },
  { "Push notification", "Sends a push notification to the guest's devices.",
    "DESTINATION", "POST", "push.example.com", "/v1/notifications",
    "{\"audience\":{\"user\":\"${userId}\"},\"title\":\"${title}\",\"body\":\"${message}\"}",
    "fad fa-bell", "",
    { { "User", "userId", "string", "u-5521" }, { "Title", "title", "string", "Back in stock" },
      { "Message", "message", "string", "The sneakers you liked are back." } },
    { { "Notification id", "id", "string" } } },
  { "Team chat alert", "Posts a message to a team chat channel.",
    "DESTINATION", "POST", "hooks.chat.example.com", "/services/${channelId}",
    "{\"text\":\"${text}\"}", "fad fa-comments", "",
    { { "Channel", "channelId", "string", "T000/B000/XXXX" },
      { "Text", "text", "string", "A VIP guest just arrived." } },
    { { "OK", "ok", "boolean" } } },
  { "Exchange rates", "Latest currency exchange rates.",
    "DATA_SYSTEM", "GET", "fx.example.com", "/latest?base=${base}&symbols=${symbol}",
    NULL, "fad fa-euro-sign",
    "{\"base\":\"EUR\",\"rates\":{\"USD\":1.09}}",
    { { "Base currency", "base", "string", "EUR" }, { "Symbol", "symbol", "string", "USD" } },
    { { "Rates", "rates", "object" }, { "Base", "base", "string" } } },
  { "Flight status", "Departure status and delay of a flight.",
    "DATA_SYSTEM", "GET", "flights.example.aero", "/v1/status/${flightNumber}?date=${date}",
    NULL, "fad fa-plane-departure",
    "{\"status\":\"DELAYED\",\"delayMinutes\":35,\"gate\":\"D7\"}",
    { { "Flight number", "flightNumber", "string", "PB1234" },
      { "Date", "date", "string", "2025-03-14" } },
    { { "Status", "status", "String" }, { "Delay (minutes)", "delayMinutes", "number" },
      { "Gate", "gate", "string" } } },
  { "Profile sync", "Writes the guest's preferences back to the profile store.",
    "DESTINATION", "PUT", "profiles.example.com", "/v1/profiles/${profileId}",
    "{\"preferences\":${preferences},\"updatedBy\":\"personalize\"}",
    "assets/images/icons/connections/profile.png", "",
    { { "Profile ID", "profileId", "string", "p-00172" },
      { "Preferences", "preferences", "object", "{\"newsletter\":true,\"language\":\"de\"}" } },
    { { "Version", "version", "number" } } },
  { "Address validation", "Checks and completes a postal address.",
    "DATA_SYSTEM", "POST", "address.example.com", "/v2/validate",
    "{\"street\":\"${street}\",\"postalCode\":\"${postalCode}\",\"country\":\"${country}\"}",
    "fad fa-map-marker-alt",
    "{\"valid\":true,\"normalized\":\"Hauptstraße 5, 10115 Berlin\"}",
    { { "Street", "street", "string", "Hauptstraße 5" },
      { "Postal code", "postalCode", "string", "10115" },
      { "Country", "country", "string", "DE" } },
    { { "Valid", "valid", "boolean" }, { "Normalized", "normalized", "String" } } },
  { "Shipment tracking", "Where a parcel is and when it arrives.",
    "DATA_SYSTEM", "GET", "track.example.com", "/v2/shipments/${trackingNumber}",
    NULL, "fad fa-truck",
    "{\"state\":\"IN_TRANSIT\",\"eta\":\"2025-03-16\"}",
    { { "Tracking number", "trackingNumber", "string", "1Z999AA10123456784" } },
    { { "State", "state", "string" }, { "ETA", "eta", "string" } } },
  { "Survey response", "Stores the answer to an in-app survey.",
    "DESTINATION", "PUT", "survey.example.com", "/api/responses/${responseId}",
    "{\"score\":${score},\"comment\":\"${comment}\"}",
    "fad fa-poll", "",
    { { "Response ID", "responseId", "string", "r-9921" }, { "Score", "score", "number", "9" },
      { "Comment", "comment", "string", "Great service" } },
    { } },
};

static const char *const gen_brands[] = {
  "Acme", "Northwind", "Contoso", "Globex", "Fabrikam", "Tailspin", "Wingtip", "Litware",
  "Proseware", "Woodgrove", "Lucerne", "Alpine Ski House", "Coho Winery", "Fourth Coffee",
  "Trey Research", "Margie's Travel",
};

static const char *const gen_regions[] = {
  "EU", "US", "APAC", "UK", "DACH", "Nordics", "Japan", "LATAM", "Staging", "Production",
  "Sandbox", "Benelux",
};

/* Names and descriptions in other scripts and languages. */
static const char *const gen_local_names[][2] = {
  { "天気予報サービス", "お客様の現在地の天気予報を取得します。" },
  { "Wettervorhersage für Österreich", "Liefert Temperatur und Niederschlag für Gäste in "
    "Österreich und Süddeutschland." },
  { "Programme de fidélité — solde", "Solde de points et niveau du membre." },
  { "Программа лояльности", "Баланс баллов и уровень участника." },
  { "توصيات المنتجات", "يقترح المنتجات التالية للضيف بناءً على سجل التصفح." },
  { "재고 조회", "매장별 상품 재고를 확인합니다." },
  { "Überprüfung der Lieferadresse", "Prüft Straße, Postleitzahl und Ort vor dem Versand." },
  { "顧客ポイント残高", "会員のポイント残高とランクを返します。" },
  { "SMS-Versand über Gateway", "Schickt eine Kurznachricht an die Mobilnummer des Gasts." },
  { "Ελέγχος απάτης", "Βαθμολογία κινδύνου της παραγγελίας." },
};

static const char *const gen_users[] = {
  "bfe5bd9a-f37b-4b9d-a3e4-169674d251ea", "73fadb31-d0de-4ca8-848d-cef57ad78845",
  "2c6e1f0b-8a4d-4e3f-9b7c-5d2a1e0f6b8c", "e41d7c9a-3b2f-4a6e-8d1c-0f9b7a5e3c2d",
  PB_DEMO_USER_REF,
};

static const guint gen_timeouts[] = { 1000, 1000, 1000, 5000, 10000 };

/* }}} */
/* {{{ Making one connection */

char *
_pb_demo_random_key (GRand *rand,
                     guint  length)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  GString *key = g_string_sized_new (length);

  for (guint i = 0; i < length; i++)
    {
      gint32 pick = rand != NULL ? g_rand_int_range (rand, 0, sizeof alphabet - 1)
                                 : g_random_int_range (0, sizeof alphabet - 1);

      g_string_append_c (key, alphabet[pick]);
    }

  return g_string_free (key, FALSE);
}

static char *
gen_uuid (GRand *rand)
{
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          g_rand_int (rand), g_rand_int (rand) & 0xffff,
                          g_rand_int (rand) & 0xfff, (g_rand_int (rand) & 0x3fff) | 0x8000,
                          g_rand_int (rand) & 0xffff, g_rand_int (rand));
}

static gboolean
gen_chance (GRand *rand,
            guint  percent)
{
  return g_rand_int_range (rand, 0, 100) < (gint32) percent;
}

static const char *
gen_pick (GRand              *rand,
          const char * const *strings,
          guint               n_strings)
{
  return strings[g_rand_int_range (rand, 0, n_strings)];
}

static char *
gen_name (GRand             *rand,
          const GenTemplate *template,
          guint              index,
          const char       **description)
{
  const char *brand = gen_pick (rand, gen_brands, G_N_ELEMENTS (gen_brands));
  const char *region = gen_pick (rand, gen_regions, G_N_ELEMENTS (gen_regions));
  guint style = g_rand_int_range (rand, 0, 100);

  *description = template->description;

  if (style < 8)
    {
      guint pick = g_rand_int_range (rand, 0, G_N_ELEMENTS (gen_local_names));

      *description = gen_local_names[pick][1];
      return g_strdup_printf ("%s (%s)", gen_local_names[pick][0], region);
    }
  if (style < 11)
    return g_strdup_printf ("%s %s for returning customers in the %s region — rollout wave %u, "
                            "owned by the digital experience team", brand, template->name,
                            region, 1 + index % 9);
  if (style < 40)
    return g_strdup_printf ("%s %s", brand, template->name);
  if (style < 70)
    return g_strdup_printf ("%s – %s", template->name, region);
  if (style < 90)
    return g_strdup_printf ("%s %s (%s)", brand, template->name, region);
  return g_strdup_printf ("%s %s v%u", brand, template->name, 2 + index % 4);
}

static void
add_name_value (JsonBuilder *builder,
                const char  *name,
                const char  *value)
{
  json_builder_begin_object (builder);
  _pb_demo_add_string (builder, "name", name);
  _pb_demo_add_string (builder, "value", value);
  json_builder_end_object (builder);
}

static void
gen_auth (JsonBuilder       *builder,
          GRand             *rand,
          const GenTemplate *template,
          gboolean           oauth)
{
  const char *domain = strchr (template->host, '.') + 1;
  g_autofree char *client_id = NULL;
  g_autofree char *token_url = NULL;

  json_builder_set_member_name (builder, "auth");
  json_builder_begin_object (builder);
  if (!oauth)
    {
      _pb_demo_add_string (builder, "authType", "NONE");
      json_builder_end_object (builder);
      return;
    }

  client_id = _pb_demo_random_key (rand, 32);
  token_url = g_strdup_printf ("https://auth.%s/oauth2/token", domain);
  _pb_demo_add_string (builder, "authType", "OAUTH");
  _pb_demo_add_string (builder, "clientId", client_id);
  _pb_demo_add_string (builder, "accessTokenUrl", token_url);
  _pb_demo_add_boolean (builder, "useMutualTls", gen_chance (rand, 20));
  json_builder_set_member_name (builder, "oauthCustomHeaders");
  json_builder_begin_array (builder);
  if (gen_chance (rand, 15))
    add_name_value (builder, "X-Tenant",
                    gen_pick (rand, gen_regions, G_N_ELEMENTS (gen_regions)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "formUrlEncodedItems");
  json_builder_begin_array (builder);
  if (gen_chance (rand, 15))
    {
      add_name_value (builder, "scope", "read:data");
      add_name_value (builder, "audience", "https://api.example.com");
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
gen_mappings (JsonBuilder       *builder,
              GRand             *rand,
              const GenTemplate *template)
{
  json_builder_set_member_name (builder, "inputMappings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (template->inputs) && template->inputs[i].key; i++)
    {
      const GenInput *input = &template->inputs[i];

      json_builder_begin_object (builder);
      _pb_demo_add_string (builder, "label", input->label);
      _pb_demo_add_string (builder, "key", input->key);
      _pb_demo_add_string (builder, "type", input->type);
      _pb_demo_add_string (builder, "exampleValue", input->example);
      _pb_demo_add_string (builder, "mapping", "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "outputMappings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (template->outputs) && template->outputs[i].reference; i++)
    {
      const GenOutput *output = &template->outputs[i];
      g_autofree char *type = g_strdup (output->type);

      /* The web app is not consistent about the case of the type. */
      if (gen_chance (rand, 25))
        type[0] = g_ascii_toupper (type[0]);

      json_builder_begin_object (builder);
      _pb_demo_add_string (builder, "label", output->label);
      _pb_demo_add_string (builder, "outputReference", output->reference);
      _pb_demo_add_string (builder, "type", type);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
gen_headers (JsonBuilder       *builder,
             GRand             *rand,
             const GenTemplate *template)
{
  json_builder_set_member_name (builder, "customHeaders");
  json_builder_begin_array (builder);
  if (gen_chance (rand, 85))
    {
      add_name_value (builder, "Accept", "application/json");
      if (gen_chance (rand, 80))
        add_name_value (builder, "Accept-Encoding", "gzip");
    }
  if (!g_str_equal (template->method, "GET"))
    add_name_value (builder, "Content-Type", "application/json");
  if (gen_chance (rand, 20))
    {
      g_autofree char *version = g_strdup_printf ("%u", g_rand_int_range (rand, 1, 4));

      add_name_value (builder, "X-Api-Version", version);
    }
  json_builder_end_array (builder);
}

static JsonNode *
gen_connection (PbDemoServer *self,
                GRand        *rand,
                guint         index,
                gint64        base_time)
{
  static const char *const timeout_members[] = { "connectionTimeout", "socketTimeout" };
  const GenTemplate *template =
    &gen_templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (gen_templates))];
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *ref = gen_uuid (rand);
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *seconds = NULL;
  g_autofree char *modified_at = NULL;
  const char *description;
  const char *user;
  guint timeouts[2];
  gboolean oauth = gen_chance (rand, 45);
  gboolean archived = gen_chance (rand, 8);
  gint64 revision = g_rand_int_range (rand, 1, 40);

  name = gen_name (rand, template, index, &description);
  when = g_date_time_new_from_unix_utc (base_time + g_rand_int_range (rand, 0, 90000000));
  seconds = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");

  json_builder_begin_object (builder);
  _pb_demo_add_string (builder, "clientKey", self->client_key);
  _pb_demo_add_string (builder, "href", ""); /* the item sets it */
  _pb_demo_add_string (builder, "ref", ref);
  _pb_demo_add_string (builder, "name", name);
  if (gen_chance (rand, 90))
    _pb_demo_add_string (builder, "description", description);
  user = gen_pick (rand, gen_users, G_N_ELEMENTS (gen_users));
  _pb_demo_add_string (builder, gen_chance (rand, 5) ? "modifiedByUserRef" : "modifiedByRef", user);
  modified_at = g_strdup_printf ("%s.%03dZ", seconds, g_rand_int_range (rand, 0, 1000));
  _pb_demo_add_string (builder, "modifiedAt", modified_at);
  _pb_demo_add_int (builder, "revision", revision);
  _pb_demo_add_boolean (builder, "archived", archived);

  gen_auth (builder, rand, template, oauth);

  url = g_strconcat ("https://", template->host, template->path, NULL);
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  _pb_demo_add_string (builder, "requestType", template->method);
  _pb_demo_add_string (builder, "connectionUrl", url);
  if (template->body != NULL)
    _pb_demo_add_string (builder, "requestBody", template->body);
  json_builder_end_object (builder);

  _pb_demo_add_string (builder, "exampleValue", gen_chance (rand, 75) ? template->sample : "");
  gen_mappings (builder, rand, template);
  gen_headers (builder, rand, template);
  json_builder_set_member_name (builder, "urlParameters");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  _pb_demo_add_string (builder, "systemType", template->system_type);
  /* Drawn in this order, the data set of a seed is the one earlier versions made. */
  timeouts[1] = gen_timeouts[g_rand_int_range (rand, 0, G_N_ELEMENTS (gen_timeouts))];
  timeouts[0] = gen_timeouts[g_rand_int_range (rand, 0, G_N_ELEMENTS (gen_timeouts))];
  for (guint i = 0; i < G_N_ELEMENTS (timeout_members); i++)
    _pb_demo_add_int (builder, timeout_members[i], timeouts[i]);
  _pb_demo_add_string (builder, "icon", template->icon);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* }}} */

void
pb_demo_server_generate (PbDemoServer *self,
                         guint         n_connections,
                         guint32       seed)
{
  g_autoptr(GRand) rand = NULL;
  /* 2023-01-01T00:00:00Z */
  const gint64 base_time = 1672531200;

  g_return_if_fail (PB_IS_DEMO_SERVER (self));

  rand = g_rand_new_with_seed (seed);
  g_free (self->client_key);
  self->client_key = _pb_demo_random_key (rand, 32);

  _pb_demo_store_clear (self);
  for (guint i = 0; i < n_connections; i++)
    {
      g_autoptr(JsonNode) connection = gen_connection (self, rand, i, base_time);

      _pb_demo_store_put (self, _pb_demo_item_new (self, json_node_get_object (connection)));
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-draft"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-connection.h"
#include "pb-connection-draft-private.h"
#include "pb-connection-reader.h"
#include "pb-json-reader.h"

/* The editable copy of a connection: its JSON text, edited a member at a time
 * (pb-connection-draft-body.c), and the text of each field as typed. Its tables are in
 * pb-connection-draft-rows.c. */

/* {{{ Fields */

typedef enum
{
  KIND_STRING,
  KIND_BOOLEAN,
  KIND_NUMBER,  /* a whole number as typed */
  KIND_JSON,    /* JSON text as typed */
  KIND_SECRET,  /* never in the object */
} FieldKind;

static const struct
{
  PbDraftPlace place;
  FieldKind    kind;
} fields[PB_DRAFT_N_FIELDS] = {
  [PB_DRAFT_NAME] = { { NULL, "name" }, KIND_STRING },
  [PB_DRAFT_DESCRIPTION] = { { NULL, "description" }, KIND_STRING },
  [PB_DRAFT_SYSTEM_TYPE] = { { NULL, "systemType" }, KIND_STRING },
  [PB_DRAFT_ICON] = { { NULL, "icon" }, KIND_STRING },
  [PB_DRAFT_ARCHIVED] = { { NULL, "archived" }, KIND_BOOLEAN },
  [PB_DRAFT_AUTH_TYPE] = { { "auth", "authType" }, KIND_STRING },
  [PB_DRAFT_AUTH_CLIENT_ID] = { { "auth", "clientId" }, KIND_STRING },
  [PB_DRAFT_AUTH_ACCESS_TOKEN_URL] = { { "auth", "accessTokenUrl" }, KIND_STRING },
  [PB_DRAFT_AUTH_USE_MUTUAL_TLS] = { { "auth", "useMutualTls" }, KIND_BOOLEAN },
  [PB_DRAFT_AUTH_CLIENT_SECRET] = { { "auth", "clientSecret" }, KIND_SECRET },
  [PB_DRAFT_REQUEST_TYPE] = { { "request", "requestType" }, KIND_STRING },
  [PB_DRAFT_CONNECTION_URL] = { { "request", "connectionUrl" }, KIND_STRING },
  [PB_DRAFT_REQUEST_BODY] = { { "request", "requestBody" }, KIND_STRING },
  [PB_DRAFT_URL_PARAMETERS] = { { NULL, "urlParameters" }, KIND_JSON },
  [PB_DRAFT_EXAMPLE_VALUE] = { { NULL, "exampleValue" }, KIND_STRING },
  [PB_DRAFT_CONNECTION_TIMEOUT] = { { NULL, "connectionTimeout" }, KIND_NUMBER },
  [PB_DRAFT_SOCKET_TIMEOUT] = { { NULL, "socketTimeout" }, KIND_NUMBER },
};

/* }}} */
/* {{{ PbConnectionDraft */

G_DEFINE_FINAL_TYPE (PbConnectionDraft, pb_connection_draft, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_secret (PbConnectionDraft *self,
            const char        *secret)
{
  _pb_draft_free_secret (self->secret);
  self->secret = secret != NULL && secret[0] != '\0' ? g_strdup (secret) : NULL;
}

static void
pb_connection_draft_finalize (GObject *object)
{
  PbConnectionDraft *self = PB_CONNECTION_DRAFT (object);

  _pb_draft_forget_rows (self);
  for (guint t = 0; t < PB_DRAFT_N_TABLES; t++)
    g_clear_object (&self->tables[t]);
  for (guint i = 0; i < PB_DRAFT_N_FIELDS; i++)
    g_free (self->fields[i]);
  set_secret (self, NULL);
  g_free (self->base);
  g_free (self->origin);
  g_free (self->doc);
  g_free (self->ref);
  g_free (self->base_modified_at);

  G_OBJECT_CLASS (pb_connection_draft_parent_class)->finalize (object);
}

static void
pb_connection_draft_class_init (PbConnectionDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_connection_draft_finalize;

  /* Any change of a field, the client secret, or a table (its rows or a row's value). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_connection_draft_init (PbConnectionDraft *self)
{
  for (guint t = 0; t < PB_DRAFT_N_TABLES; t++)
    self->tables[t] = g_list_store_new (PB_TYPE_DRAFT_ROW);
  self->base_revision = -1;
}

void
_pb_draft_emit_changed (PbConnectionDraft *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Reads the fields and the rows of `doc` (compact), the draft's new content. */
static void
load_content (PbConnectionDraft *self,
              char              *doc)
{
  g_free (self->doc);
  self->doc = doc;
  g_free (self->origin);
  self->origin = g_strdup (doc);

  for (guint i = 0; i < PB_DRAFT_N_FIELDS; i++)
    {
      g_autofree char *value = NULL;

      g_clear_pointer (&self->fields[i], g_free);
      if (fields[i].kind == KIND_SECRET)
        continue;
      value = _pb_draft_place_dup (doc, &fields[i].place);
      self->fields[i] = _pb_draft_value_to_text (value);
    }

  _pb_draft_load_rows (self);
}

/* Compact text of a JSON object, or NULL with a PB_PARSE_ERROR. */
static char *
compact_object (const char  *json,
                GError     **error)
{
  g_autofree char *compact = NULL;

  compact = pb_json_text_compact (json, strlen (json), PB_JSON_CHECK_ALLOW_BOM, error);
  if (compact == NULL)
    return NULL;
  if (compact[0] != '{')
    {
      g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE,
                   "document: expected an object");
      return NULL;
    }
  return g_steal_pointer (&compact);
}

static PbConnectionDraft *
draft_new (char     *base,
           char     *doc,
           gboolean  is_new)
{
  PbConnectionDraft *self = g_object_new (PB_TYPE_CONNECTION_DRAFT, NULL);
  g_autofree char *ref = NULL;
  g_autofree char *modified_at = NULL;
  g_autofree char *revision = NULL;

  self->base = base;
  self->is_new = is_new;
  if (!is_new)
    {
      ref = _pb_draft_object_dup (base, "ref");
      modified_at = _pb_draft_object_dup (base, "modifiedAt");
      revision = _pb_draft_object_dup (base, "revision");
      if (ref != NULL && ref[0] == '"')
        self->ref = _pb_draft_value_to_text (ref);
      if (modified_at != NULL && modified_at[0] == '"')
        self->base_modified_at = _pb_draft_value_to_text (modified_at);
      if (revision != NULL)
        {
          g_autoptr(PbJsonReader) reader = pb_json_reader_new (revision, strlen (revision),
                                                               PB_JSON_CHECK_DEFAULT, NULL);
          gint64 value;

          if (reader != NULL && pb_json_reader_get_int64 (reader, &value) && value >= 0)
            self->base_revision = value;
        }
    }
  load_content (self, doc);

  return self;
}

PbConnectionDraft *
pb_connection_draft_new_for_json (const char  *json,
                                  GError     **error)
{
  char *compact;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  compact = compact_object (json, error);
  if (compact == NULL)
    return NULL;

  return draft_new (compact, g_strdup (compact), FALSE);
}

PbConnectionDraft *
pb_connection_draft_new_for_connection (PbConnection *connection)
{
  const char *json;
  g_autoptr(GError) error = NULL;
  PbConnectionDraft *self;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  json = pb_connection_get_json (connection);
  self = pb_connection_draft_new_for_json (json != NULL ? json : "{}", &error);
  if (self == NULL)
    {
      /* A connection is always read from an object. */
      g_critical ("A connection that is not an object: %s", error->message);
      self = draft_new (g_strdup ("{}"), g_strdup ("{}"), FALSE);
    }
  return self;
}

PbConnectionDraft *
pb_connection_draft_new (const char *system_type)
{
  gboolean destination;
  GString *doc;

  g_return_val_if_fail (system_type != NULL, NULL);

  /* What the web app's wizard starts from, in the order the API answers with. */
  destination = strcmp (system_type, "DESTINATION") == 0;
  doc = g_string_new ("{\"name\":\"\",\"description\":\"\",\"auth\":{\"authType\":\"NONE\"},"
                      "\"request\":{\"requestType\":");
  g_string_append (doc, destination ? "\"POST\"" : "\"GET\"");
  g_string_append (doc, ",\"connectionUrl\":\"\"},\"inputMappings\":[],\"outputMappings\":[],"
                        "\"customHeaders\":[{\"name\":\"Accept\",\"value\":\"application/json\"},"
                        "{\"name\":\"Accept-Encoding\",\"value\":\"gzip\"}");
  if (destination)
    g_string_append (doc, ",{\"name\":\"Content-Type\",\"value\":\"application/json\"}");
  g_string_append (doc, "],\"urlParameters\":[],\"systemType\":");
  _pb_draft_append_string (doc, system_type);
  g_string_append (doc, ",\"connectionTimeout\":1000,\"socketTimeout\":1000}");

  return draft_new (g_strdup ("{}"), g_string_free (doc, FALSE), TRUE);
}

PbConnectionDraft *
pb_connection_draft_new_duplicate (PbConnection *connection)
{
  g_autofree char *compact = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *named = NULL;
  g_autofree char *name = NULL;
  g_autofree char *quoted = NULL;
  const char *json;
  char *doc;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  json = pb_connection_get_json (connection);
  compact = compact_object (json != NULL ? json : "{}", NULL);
  if (compact == NULL)
    compact = g_strdup ("{}");
  stripped = _pb_draft_strip_server_members (compact);

  /* TRANSLATORS: the name of a new connection made from the connection %s. */
  name = g_strdup_printf (_("Copy of %s"), pb_connection_get_name (connection) != NULL
                                           ? pb_connection_get_name (connection) : "");
  quoted = _pb_draft_quote (name);
  named = _pb_draft_object_set (stripped, "name", quoted);
  if (_pb_draft_object_get (named, "archived", &(PbTextSpan) { 0 }))
    doc = _pb_draft_object_set (named, "archived", "false");
  else
    doc = g_strdup (named);

  return draft_new (g_strdup ("{}"), doc, TRUE);
}

gboolean
pb_connection_draft_replace_content (PbConnectionDraft  *self,
                                     const char         *json,
                                     GError            **error)
{
  g_autofree char *compact = NULL;

  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  compact = compact_object (json, error);
  if (compact == NULL)
    return FALSE;

  load_content (self, _pb_draft_take_server_members (compact, self->doc));
  _pb_draft_emit_changed (self);
  return TRUE;
}

gboolean
pb_connection_draft_is_new (PbConnectionDraft *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), FALSE);

  return self->is_new;
}

const char *
pb_connection_draft_get_ref (PbConnectionDraft *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);

  return self->ref;
}

gint64
pb_connection_draft_get_base_revision (PbConnectionDraft *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), -1);

  return self->base_revision;
}

const char *
pb_connection_draft_get_base_modified_at (PbConnectionDraft *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);

  return self->base_modified_at;
}

const char *
pb_connection_draft_get_base_json (PbConnectionDraft *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);

  return self->base;
}

const char *
pb_connection_draft_get_text (PbConnectionDraft *self,
                              PbDraftField       field)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), "");
  g_return_val_if_fail (field < PB_DRAFT_N_FIELDS, "");

  if (field == PB_DRAFT_AUTH_CLIENT_SECRET)
    return self->secret != NULL ? self->secret : "";
  return self->fields[field];
}

/* Whether `text` (without white space around it) is an integer as JSON writes one, after
 * leading zeros are taken out. */
static char *
number_text (const char *text)
{
  const char *p = text;
  const char *digits;

  if (*p == '-')
    p++;
  digits = p;
  if (*p == '\0')
    return NULL;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;

  while (digits[0] == '0' && digits[1] != '\0')
    digits++;
  if (text[0] == '-' && strcmp (digits, "0") != 0)
    return g_strconcat ("-", digits, NULL);
  return g_strdup (digits);
}

/* The JSON text of a field's value typed as `text`, or NULL to leave the member out. */
static char *
field_value (PbConnectionDraft *self,
             PbDraftField       field,
             const char        *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *origin = _pb_draft_place_dup (self->origin, &fields[field].place);
  g_autofree char *origin_text = _pb_draft_value_to_text (origin);
  char *value;

  /* Typed back as it was: as it was, whatever its type. */
  if (origin != NULL && strcmp (origin_text, text) == 0)
    return g_steal_pointer (&origin);

  switch (fields[field].kind)
    {
    case KIND_BOOLEAN:
      if (stripped[0] == '\0' && origin == NULL)
        return NULL;
      return g_strdup (strcmp (stripped, "true") == 0 ? "true" : "false");

    case KIND_NUMBER:
      /* Anything else is kept as typed, for the check to point out. */
      if (stripped[0] == '\0')
        return NULL;
      value = number_text (stripped);
      if (value == NULL && (stripped[0] == '-' || g_ascii_isdigit (stripped[0]))
          && pb_json_text_check (stripped, strlen (stripped), PB_JSON_CHECK_DEFAULT, NULL))
        value = g_strdup (stripped);
      return value != NULL ? value : _pb_draft_quote (text);

    case KIND_JSON:
      if (stripped[0] == '\0')
        return NULL;
      value = pb_json_text_compact (stripped, strlen (stripped), PB_JSON_CHECK_DEFAULT, NULL);
      return value != NULL ? value : _pb_draft_quote (text);

    case KIND_STRING:
    case KIND_SECRET:
    default:
      /* An empty text keeps the member only if it was there. */
      if (text[0] == '\0' && origin == NULL)
        return NULL;
      return _pb_draft_quote (text);
    }
}

void
pb_connection_draft_set_text (PbConnectionDraft *self,
                              PbDraftField       field,
                              const char        *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *value = NULL;

  g_return_if_fail (PB_IS_CONNECTION_DRAFT (self));
  g_return_if_fail (field < PB_DRAFT_N_FIELDS);

  if (text == NULL)
    text = "";
  if (strcmp (pb_connection_draft_get_text (self, field), text) == 0)
    return;

  if (field == PB_DRAFT_AUTH_CLIENT_SECRET)
    {
      set_secret (self, text);
      _pb_draft_emit_changed (self);
      return;
    }

  valid = g_utf8_make_valid (text, -1);
  value = field_value (self, field, valid);
  _pb_draft_set_place (self, &fields[field].place, value);
  g_free (self->fields[field]);
  self->fields[field] = g_steal_pointer (&valid);
  _pb_draft_emit_changed (self);
}

void
pb_connection_draft_set_archived (PbConnectionDraft *self,
                                  gboolean           archived)
{
  g_return_if_fail (PB_IS_CONNECTION_DRAFT (self));

  pb_connection_draft_set_text (self, PB_DRAFT_ARCHIVED, archived ? "true" : "false");
}

gboolean
pb_connection_draft_get_archived (PbConnectionDraft *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), FALSE);

  return strcmp (self->fields[PB_DRAFT_ARCHIVED], "true") == 0;
}

/* }}} */
/* {{{ The body */

gboolean
pb_connection_draft_is_modified (PbConnectionDraft *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), FALSE);

  return self->is_new || self->secret != NULL || strcmp (self->doc, self->base) != 0;
}

char *
pb_connection_draft_dup_body (PbConnectionDraft *self,
                              PbDraftBody        kind)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);

  return _pb_draft_dup_body (self, kind, TRUE);
}

PbConnection *
pb_connection_draft_to_connection (PbConnectionDraft  *self,
                                   GError            **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The client secret stays in the draft: a connection's text is copied and kept. */
  body = _pb_draft_dup_body (self, PB_DRAFT_BODY_UPDATE, FALSE);
  return pb_connection_new_from_data (body, -1, error);
}

/* }}} */

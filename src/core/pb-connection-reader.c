/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-reader"

#include "config.h"

#include <string.h>

#include "pb-connection-private.h"
#include "pb-connection-parser.h"

/*
 * Pages of the API into connections.
 *
 * Not a json-glib tree: a tree of a 50,000-item list costs many times the size of the text.
 * The text is checked once (which also notes where each object and array ends), then read
 * member by member with a PbJsonReader straight into the objects, one connection at a time,
 * so each byte is looked at about twice. Each connection keeps all its strings, the compact
 * JSON text first, in one block (`pool`), and the strings many connections of a page have
 * alike once for the page, which keeps memory close to the size of the text. The tables are
 * only checked here: most connections of a long list are never opened.
 */

/* Strings that are often the same for many connections of a tenant (the tenant's client key,
 * who changed it, the kinds, the URLs and bodies of connections made from the same template):
 * the connections of one list page keep them once, in a block they share. Identifiers, names
 * and times stay in each connection's own pool. */
static const gboolean str_shared[N_STRS] = {
  [STR_CLIENT_KEY] = TRUE,
  [STR_DESCRIPTION] = TRUE,
  [STR_MODIFIED_BY_REF] = TRUE,
  [STR_SYSTEM_TYPE] = TRUE,
  [STR_AUTH_TYPE] = TRUE,
  [STR_AUTH_ACCESS_TOKEN_URL] = TRUE,
  [STR_REQUEST_TYPE] = TRUE,
  [STR_CONNECTION_URL] = TRUE,
  [STR_REQUEST_BODY] = TRUE,
  [STR_EXAMPLE_VALUE] = TRUE,
  [STR_ICON] = TRUE,
};

/* _pb_parser_read_string() of a field of the connection (into the pool), shared with the page when
 * `share` and the page shares. */
static void
read_field (Parser     *ps,
            const char *member,
            gboolean    share,
            guint32    *offset)
{
  _pb_parser_read_string (ps, member, ps->pool, offset);
  if (share && ps->shared != NULL && *offset != NO_STRING)
    *offset = _pb_parser_share_string (ps, *offset);
}

/* read_field() into str[index]. */
static inline void
read_str_field (Parser     *ps,
                const char *member,
                guint       index,
                guint32    *str)
{
  read_field (ps, member, str_shared[index], &str[index]);
}

/* {{{ A connection */

/* A member name and its length, for tables of members. */
#define MEMBER_NAME(name) name, sizeof (name) - 1

/* The members read of the objects "auth" and "request". */
typedef enum
{
  NESTED_STRING, /* index: STR_ */
  NESTED_BOOL,   /* auth.useMutualTls */
  NESTED_ROWS,   /* a table, only checked here */
} NestedKind;

typedef struct
{
  const char *name;
  gsize       len;
  NestedKind  kind;
  guint       index;
} NestedMember;

static const NestedMember auth_members[] = {
  { MEMBER_NAME ("authType"), NESTED_STRING, STR_AUTH_TYPE },
  { MEMBER_NAME ("clientId"), NESTED_STRING, STR_AUTH_CLIENT_ID },
  { MEMBER_NAME ("accessTokenUrl"), NESTED_STRING, STR_AUTH_ACCESS_TOKEN_URL },
  { MEMBER_NAME ("useMutualTls"), NESTED_BOOL, 0 },
  { MEMBER_NAME ("oauthCustomHeaders"), NESTED_ROWS, 0 },
  { MEMBER_NAME ("formUrlEncodedItems"), NESTED_ROWS, 0 },
};

static const NestedMember request_members[] = {
  { MEMBER_NAME ("requestType"), NESTED_STRING, STR_REQUEST_TYPE },
  { MEMBER_NAME ("connectionUrl"), NESTED_STRING, STR_CONNECTION_URL },
  { MEMBER_NAME ("requestBody"), NESTED_STRING, STR_REQUEST_BODY },
};

/* Reads the object (or null, or a value of another type: all unset) under the cursor, the
 * value of `member`. */
static void
read_nested (Parser             *ps,
             const char         *member,
             const NestedMember *table,
             guint               n_table,
             guint32            *str,
             gboolean           *flag)
{
  PbJsonType type = pb_json_reader_get_value_type (ps->reader);
  gsize old;

  if (type != PB_JSON_OBJECT)
    {
      if (type != PB_JSON_NULL)
        _pb_parser_unreadable (ps, member, "expected an object");
      for (guint i = 0; i < n_table; i++)
        if (table[i].kind == NESTED_STRING)
          str[table[i].index] = NO_STRING;
        else if (table[i].kind == NESTED_BOOL)
          *flag = FALSE;
      return;
    }

  old = _pb_parser_push_member (ps->path, member);
  for (gboolean more = pb_json_reader_start_object (ps->reader); more;
       more = pb_json_reader_next (ps->reader))
    for (guint i = 0; i < n_table; i++)
      {
        if (!pb_json_reader_member_is (ps->reader, table[i].name, table[i].len))
          continue;
        if (table[i].kind == NESTED_STRING)
          read_str_field (ps, table[i].name, table[i].index, str);
        else if (table[i].kind == NESTED_BOOL)
          _pb_parser_read_bool (ps, table[i].name, flag);
        else
          _pb_parser_read_rows (ps, table[i].name, _pb_parser_read_name_value, NULL);
        break;
      }
  pb_json_reader_end (ps->reader);
  _pb_parser_pop (ps->path, old);
}

/* The top-level members read, in the order the API sends them (names compared by length
 * first). */
typedef enum
{
  MEMBER_STRING,        /* index: STR_ */
  MEMBER_INT,           /* index: INT_ */
  MEMBER_TABLE,         /* index: MODEL_ */
  MEMBER_MODIFIED_BY_USER_REF,
  MEMBER_ARCHIVED,
  MEMBER_AUTH,
  MEMBER_REQUEST,
} MemberKind;

static const struct
{
  const char *name;
  guint8      len;
  guint8      kind;
  guint8      index;
} members[] = {
  { MEMBER_NAME ("clientKey"), MEMBER_STRING, STR_CLIENT_KEY },
  { MEMBER_NAME ("href"), MEMBER_STRING, STR_HREF },
  { MEMBER_NAME ("ref"), MEMBER_STRING, STR_REF },
  { MEMBER_NAME ("name"), MEMBER_STRING, STR_NAME },
  { MEMBER_NAME ("description"), MEMBER_STRING, STR_DESCRIPTION },
  { MEMBER_NAME ("modifiedByRef"), MEMBER_STRING, STR_MODIFIED_BY_REF },
  { MEMBER_NAME ("modifiedAt"), MEMBER_STRING, STR_MODIFIED_AT_TEXT },
  { MEMBER_NAME ("revision"), MEMBER_INT, INT_REVISION },
  { MEMBER_NAME ("archived"), MEMBER_ARCHIVED, 0 },
  { MEMBER_NAME ("auth"), MEMBER_AUTH, 0 },
  { MEMBER_NAME ("request"), MEMBER_REQUEST, 0 },
  { MEMBER_NAME ("exampleValue"), MEMBER_STRING, STR_EXAMPLE_VALUE },
  { MEMBER_NAME ("inputMappings"), MEMBER_TABLE, MODEL_INPUT_MAPPINGS },
  { MEMBER_NAME ("outputMappings"), MEMBER_TABLE, MODEL_OUTPUT_MAPPINGS },
  { MEMBER_NAME ("customHeaders"), MEMBER_TABLE, MODEL_CUSTOM_HEADERS },
  { MEMBER_NAME ("urlParameters"), MEMBER_TABLE, MODEL_URL_PARAMETERS },
  { MEMBER_NAME ("systemType"), MEMBER_STRING, STR_SYSTEM_TYPE },
  { MEMBER_NAME ("connectionTimeout"), MEMBER_INT, INT_CONNECTION_TIMEOUT },
  { MEMBER_NAME ("socketTimeout"), MEMBER_INT, INT_SOCKET_TIMEOUT },
  { MEMBER_NAME ("icon"), MEMBER_STRING, STR_ICON },
  { MEMBER_NAME ("modifiedByUserRef"), MEMBER_MODIFIED_BY_USER_REF, 0 },
};

/* Where each table is in the JSON object, and how its rows read. */
static const struct
{
  const char  *parent;
  const char  *member;
  ReadRowFunc  read_row;
} table_places[N_MODELS] = {
  [MODEL_OAUTH_CUSTOM_HEADERS] = { "auth", "oauthCustomHeaders", _pb_parser_read_name_value },
  [MODEL_FORM_URL_ENCODED_ITEMS] = { "auth", "formUrlEncodedItems", _pb_parser_read_name_value },
  [MODEL_CUSTOM_HEADERS] = { NULL, "customHeaders", _pb_parser_read_name_value },
  [MODEL_URL_PARAMETERS] = { NULL, "urlParameters", _pb_parser_read_url_parameter },
  [MODEL_INPUT_MAPPINGS] = { NULL, "inputMappings", _pb_parser_read_input_mapping },
  [MODEL_OUTPUT_MAPPINGS] = { NULL, "outputMappings", _pb_parser_read_output_mapping },
};

static PbSystemKind
system_kind_from_string (const char *s)
{
  if (s == NULL)
    return PB_SYSTEM_KIND_OTHER;
  if (g_ascii_strcasecmp (s, "DATA_SYSTEM") == 0)
    return PB_SYSTEM_KIND_DATA_SYSTEM;
  if (g_ascii_strcasecmp (s, "DESTINATION") == 0)
    return PB_SYSTEM_KIND_DESTINATION;
  return PB_SYSTEM_KIND_OTHER;
}

static PbAuthKind
auth_kind_from_string (const char *s)
{
  if (s == NULL)
    return PB_AUTH_KIND_OTHER;
  if (g_ascii_strcasecmp (s, "NONE") == 0)
    return PB_AUTH_KIND_NONE;
  if (g_ascii_strcasecmp (s, "OAUTH") == 0)
    return PB_AUTH_KIND_OAUTH;
  return PB_AUTH_KIND_OTHER;
}

static GDateTime *
parse_modified_at (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL)
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

/* The API sends "href" (the connection's URL, which ends with its ref) before "ref": the ref
 * just read is then kept as the end of the href. */
static void
ref_in_href (Parser  *ps,
             guint32 *str)
{
  guint32 ref = str[STR_REF];
  guint32 href = str[STR_HREF];
  gsize ref_len;
  gsize href_len;

  if (ref == NO_STRING || href == NO_STRING || (href & SHARED_STRING) || href >= ref)
    return;

  ref_len = ps->pool->len - ref - 1; /* the last string of the pool */
  href_len = ref - href - 1;         /* strings follow each other */
  if (strlen (ps->pool->str + href) != href_len || ref_len > href_len
      || memcmp (ps->pool->str + href + href_len - ref_len, ps->pool->str + ref, ref_len) != 0)
    return;

  ps->pool->len = ref;
  ps->pool->str[ref] = '\0';
  str[STR_REF] = href + href_len - ref_len;
}

/* Reads one member of a connection (under the cursor); `next_member` is where the search in
 * `members` starts: they mostly come in its order. */
static void
read_member (Parser   *ps,
             guint    *next_member,
             guint32  *str,
             gint64   *ints,
             guint32  *modified_by_user_ref,
             gboolean *archived,
             gboolean *use_mutual_tls)
{
  guint i = G_N_ELEMENTS (members);

  for (guint j = 0; j < G_N_ELEMENTS (members); j++)
    {
      guint m = (*next_member + j) % G_N_ELEMENTS (members);

      if (pb_json_reader_member_is (ps->reader, members[m].name, members[m].len))
        {
          i = m;
          *next_member = m + 1;
          break;
        }
    }
  if (i == G_N_ELEMENTS (members))
    return;

  switch (members[i].kind)
    {
    case MEMBER_STRING:
      read_str_field (ps, members[i].name, members[i].index, str);
      if (members[i].index == STR_REF)
        ref_in_href (ps, str);
      break;

    case MEMBER_INT:
      _pb_parser_read_int (ps, members[i].name, &ints[members[i].index]);
      break;

    case MEMBER_TABLE:
      _pb_parser_read_rows (ps, members[i].name, table_places[members[i].index].read_row, NULL);
      break;

    case MEMBER_MODIFIED_BY_USER_REF:
      read_field (ps, members[i].name, str_shared[STR_MODIFIED_BY_REF], modified_by_user_ref);
      break;

    case MEMBER_ARCHIVED:
      _pb_parser_read_bool (ps, members[i].name, archived);
      break;

    case MEMBER_AUTH:
      read_nested (ps, "auth", auth_members, G_N_ELEMENTS (auth_members), str, use_mutual_tls);
      break;

    case MEMBER_REQUEST:
    default:
      read_nested (ps, "request", request_members, G_N_ELEMENTS (request_members), str, NULL);
      break;
    }
}

/* Whether the place "name" was noted as unreadable in the connection being read. */
static gboolean
name_unreadable (Parser *ps)
{
  for (guint i = 0; i < ps->unreadable->len; i++)
    if (strcmp (ps->unreadable->pdata[i], "name") == 0)
      return TRUE;
  return FALSE;
}

/* The places noted, as a NULL-terminated array, or NULL when there are none. */
static char **
take_unreadable (Parser *ps)
{
  char **places;

  if (ps->unreadable->len == 0)
    return NULL;

  places = g_new (char *, ps->unreadable->len + 1);
  for (guint i = 0; i < ps->unreadable->len; i++)
    places[i] = g_steal_pointer (&ps->unreadable->pdata[i]);
  places[ps->unreadable->len] = NULL;
  g_ptr_array_set_size (ps->unreadable, 0);

  return places;
}

/* Reads the object under the cursor into a new connection; leaves the cursor on it. Fails
 * only when the value is not an object, or has no name (missing, or not a string: it could not
 * be shown). Members of the wrong type are read as not set, and their places noted. */
static PbConnection *
read_connection (Parser *ps)
{
  PbConnection *self;
  guint32 str[N_STRS];
  guint32 modified_by_user_ref = NO_STRING;
  gint64 ints[N_INTS] = { -1, -1, -1 };
  gboolean archived = FALSE;
  gboolean use_mutual_tls = FALSE;
  guint next_member = 0;

  if (pb_json_reader_get_value_type (ps->reader) != PB_JSON_OBJECT)
    {
      _pb_parser_error (ps, NULL, "expected an object");
      return NULL;
    }

  ps->base = ps->path->len;
  g_ptr_array_set_size (ps->unreadable, 0);

  for (guint i = 0; i < N_STRS; i++)
    str[i] = NO_STRING;

  /* The object's text, compact, first in the pool. */
  g_string_truncate (ps->pool, 0);
  pb_json_reader_append_compact (ps->reader, ps->pool);
  g_string_append_c (ps->pool, '\0');
  str[STR_JSON] = 0;

  for (gboolean more = pb_json_reader_start_object (ps->reader); more;
       more = pb_json_reader_next (ps->reader))
    read_member (ps, &next_member, str, ints, &modified_by_user_ref, &archived,
                 &use_mutual_tls);
  pb_json_reader_end (ps->reader);

  if (str[STR_NAME] == NO_STRING)
    {
      _pb_parser_error (ps, "name", name_unreadable (ps) ? "expected a string" : "missing");
      return NULL;
    }

  if (str[STR_MODIFIED_BY_REF] == NO_STRING)
    str[STR_MODIFIED_BY_REF] = modified_by_user_ref;

  self = g_object_new (PB_TYPE_CONNECTION, NULL);
  self->pool = g_memdup2 (ps->pool->str, ps->pool->len);
  self->pool_size = ps->pool->len;
  memcpy (self->str, str, sizeof str);
  memcpy (self->ints, ints, sizeof ints);
  self->archived = !!archived;
  self->use_mutual_tls = !!use_mutual_tls;
  /* `shared` is set once the page is read: the strings from the parser. */
  self->system_kind = system_kind_from_string (_pb_parser_str (ps, str[STR_SYSTEM_TYPE]));
  self->auth_kind = auth_kind_from_string (_pb_parser_str (ps, str[STR_AUTH_TYPE]));
  self->modified_at = parse_modified_at (_pb_parser_str (ps, str[STR_MODIFIED_AT_TEXT]));
  self->unreadable = take_unreadable (ps);
  self->keys = _pb_connection_make_keys (_pb_parser_str (ps, str[STR_NAME]),
                                         _pb_parser_str (ps, str[STR_DESCRIPTION]),
                                         _pb_parser_str (ps, str[STR_REF]),
                                         _pb_parser_str (ps, str[STR_CONNECTION_URL]),
                                         _pb_parser_str (ps, str[STR_SYSTEM_TYPE]),
                                         _pb_parser_str (ps, str[STR_AUTH_TYPE]),
                                         &self->name_key);

  return self;
}

/* }}} */
/* {{{ Documents */

static PbConnection *
read_document_connection (const char  *data,
                          gsize        length,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(PbJsonReader) reader = NULL;
  PbConnection *ret;
  Parser ps;

  reader = pb_json_reader_new (data, length, PB_JSON_CHECK_ALLOW_BOM, error);
  if (reader == NULL)
    return NULL;

  _pb_parser_init (&ps, reader, path, error);
  ps.unreadable = g_ptr_array_new_with_free_func (g_free);
  ret = read_connection (&ps);
  _pb_parser_clear (&ps);

  return ret;
}

PbConnection *
pb_connection_new_from_data (const char  *data,
                             gssize       length,
                             GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_document_connection (data, length < 0 ? strlen (data) : (gsize)length, NULL,
                                   error);
}

PbConnection *
_pb_connection_new_from_node (JsonNode    *node,
                              const char  *path,
                              GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE, "%s: expected an object",
                   path != NULL && *path != '\0' ? path : "document");
      return NULL;
    }

  text = json_to_string (node, FALSE);
  return read_document_connection (text, strlen (text), path, error);
}

/* Reads the elements of the array under the cursor (the page's "items"). */
static GPtrArray *
read_items (Parser *ps)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  guint index = 0;

  _pb_parser_push_member (ps->path, "items");
  for (gboolean more = pb_json_reader_start_array (ps->reader); more;
       more = pb_json_reader_next (ps->reader))
    {
      gsize old = _pb_parser_push_index (ps->path, index++);
      PbConnection *connection = read_connection (ps);

      if (connection == NULL)
        return NULL;
      g_ptr_array_add (result, connection);
      _pb_parser_pop (ps->path, old);
    }

  /* The page's shared strings, one reference for each connection. */
  if (ps->shared->len > 0)
    {
      char *block = g_atomic_rc_box_alloc (ps->shared->len);

      memcpy (block, ps->shared->str, ps->shared->len);
      for (guint i = 0; i < result->len; i++)
        ((PbConnection *)result->pdata[i])->shared = g_atomic_rc_box_acquire (block);
      g_atomic_rc_box_release (block);
    }

  return g_steal_pointer (&result);
}

GPtrArray *
pb_connection_parse_list_with (const char          *data,
                               gssize               length,
                               const char * const  *head,
                               char               **head_values,
                               GError             **error)
{
  g_autoptr(PbJsonReader) reader = NULL;
  GPtrArray *result = NULL;
  PbJsonType items_type = PB_JSON_NONE;
  guint n_items = 0;
  guint n_members = 0;
  guint n_head = 0;
  Parser ps;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; head != NULL && head[i] != NULL; i++)
    head_values[i] = NULL;

  reader = pb_json_reader_new (data, length < 0 ? strlen (data) : (gsize)length,
                               PB_JSON_CHECK_ALLOW_BOM, error);
  if (reader == NULL)
    return NULL;

  _pb_parser_init (&ps, reader, NULL, error);
  _pb_parser_share_strings (&ps);
  ps.unreadable = g_ptr_array_new_with_free_func (g_free);

  if (pb_json_reader_get_value_type (reader) != PB_JSON_OBJECT)
    {
      _pb_parser_error (&ps, NULL, "expected an object");
      _pb_parser_clear (&ps);
      return NULL;
    }

  /* href, offset and limit are of no interest; the last "items" counts, as in json-glib: a
   * first walk over the members finds it (a walk of a few jumps), the second reads it. */
  for (gboolean more = pb_json_reader_start_object (reader); more;
       more = pb_json_reader_next (reader), n_members++)
    {
      if (pb_json_reader_member_is (reader, "items", 5))
        {
          n_items++;
          items_type = pb_json_reader_get_value_type (reader);
        }
      else if (n_members == n_head && head != NULL && head[n_head] != NULL
               && pb_json_reader_member_is (reader, head[n_head], -1))
        head_values[n_head++] = pb_json_reader_dup_string (reader);
    }
  pb_json_reader_end (reader);

  if (items_type != PB_JSON_ARRAY)
    _pb_parser_error (&ps, "items", n_items == 0 ? "missing" : "expected an array");
  else
    for (gboolean more = pb_json_reader_start_object (reader); more;
         more = pb_json_reader_next (reader))
      if (pb_json_reader_member_is (reader, "items", 5) && --n_items == 0)
        {
          result = read_items (&ps);
          break;
        }

  _pb_parser_clear (&ps);
  return result;
}

GPtrArray *
pb_connection_parse_list (const char  *data,
                          gssize       length,
                          GError     **error)
{
  return pb_connection_parse_list_with (data, length, NULL, NULL, error);
}

/* Reads the rows of the table `model` (the last member of its name, in the last member of its
 * parent's) under the cursor (a connection object). */
static GPtrArray *
find_table (Parser *ps,
            guint   model,
            guint   level)
{
  const char *parent = level == 0 ? table_places[model].parent : NULL;
  const char *member = parent != NULL ? parent : table_places[model].member;
  GPtrArray *rows = NULL;

  for (gboolean more = pb_json_reader_start_object (ps->reader); more;
       more = pb_json_reader_next (ps->reader))
    {
      if (!pb_json_reader_member_is (ps->reader, member, -1))
        continue;
      g_clear_pointer (&rows, g_ptr_array_unref);
      if (parent != NULL)
        {
          if (pb_json_reader_get_value_type (ps->reader) == PB_JSON_OBJECT)
            rows = find_table (ps, model, level + 1);
        }
      else if (pb_json_reader_get_value_type (ps->reader) == PB_JSON_ARRAY)
        _pb_parser_read_rows (ps, member, table_places[model].read_row, &rows);
    }
  pb_json_reader_end (ps->reader);

  return rows;
}

GPtrArray *
_pb_connection_reader_read_table (const char *json,
                                  guint       model)
{
  g_autoptr(PbJsonReader) reader = NULL;
  GPtrArray *rows;
  Parser ps;

  g_return_val_if_fail (model < N_MODELS, NULL);

  reader = pb_json_reader_new (json, strlen (json), PB_JSON_CHECK_DEFAULT, NULL);
  if (reader == NULL)
    return NULL;

  _pb_parser_init (&ps, reader, NULL, NULL);
  ps.build = TRUE;
  rows = find_table (&ps, model, 0);
  _pb_parser_clear (&ps);

  return rows;
}

/* }}} */

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-draft-body"

#include "config.h"

#include <string.h>

#include "pb-connection-draft-private.h"
#include "pb-export-private.h"
#include "pb-json-reader.h"

/* The draft's JSON text, edited a member at a time: each edit copies every other member as
 * text, so that what the user did not change is sent exactly as it was received. */

/* {{{ Strings */

void
_pb_draft_append_string (GString    *out,
                         const char *text)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[c >> 4]);
              g_string_append_c (out, hex[c & 0xf]);
            }
          else
            g_string_append_c (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* The length of `text` as a JSON string, quotes included. */
static gsize
quoted_length (const char *text)
{
  gsize n = 2;

  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    n += *p == '"' || *p == '\\' || *p == '\b' || *p == '\f' || *p == '\n' || *p == '\r'
         || *p == '\t' ? 2 : *p < 0x20 ? 6 : 1;
  return n;
}

/* The strings below are made in buffers of their final size: a buffer that grows leaves
 * copies of what it held (a client secret) in memory it gives back. */
char *
_pb_draft_quote (const char *text)
{
  GString *out = g_string_sized_new (quoted_length (text));

  _pb_draft_append_string (out, text);
  return g_string_free (out, FALSE);
}

void
_pb_draft_wipe (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

void
_pb_draft_free_secret (char *text)
{
  _pb_draft_wipe (text);
  g_free (text);
}

/* }}} */
/* {{{ Members of an object */

static PbJsonReader *
object_reader (const char *object)
{
  PbJsonReader *reader;

  if (object == NULL)
    return NULL;

  reader = pb_json_reader_new (object, strlen (object), PB_JSON_CHECK_DEFAULT, NULL);
  if (reader != NULL && pb_json_reader_get_value_type (reader) != PB_JSON_OBJECT)
    g_clear_pointer (&reader, pb_json_reader_free);
  return reader;
}

gboolean
_pb_draft_object_get (const char *object,
                      const char *key,
                      PbTextSpan *span)
{
  g_autoptr(PbJsonReader) reader = object_reader (object);
  gboolean found = FALSE;

  if (reader == NULL)
    return FALSE;

  for (gboolean more = pb_json_reader_start_object (reader); more;
       more = pb_json_reader_next (reader))
    if (pb_json_reader_member_is (reader, key, -1))
      found = pb_json_reader_get_value_span (reader, span);
  pb_json_reader_end (reader);

  return found;
}

char *
_pb_draft_object_dup (const char *object,
                      const char *key)
{
  PbTextSpan span;

  if (!_pb_draft_object_get (object, key, &span))
    return NULL;
  return g_strndup (object + span.start, span.end - span.start);
}

/* Calls `func` for each member of the compact `object`, with the member's whole text ("key":
 * value) and its value's place. */
typedef void (*MemberFunc) (PbJsonReader *reader,
                            const char   *member,
                            gsize         member_len,
                            guint         index,
                            gpointer      data);

static gboolean
foreach_member (const char *object,
                MemberFunc  func,
                gpointer    data)
{
  g_autoptr(PbJsonReader) reader = object_reader (object);
  PbTextSpan span;
  gsize next;
  guint index = 0;

  if (reader == NULL)
    return FALSE;

  pb_json_reader_get_value_span (reader, &span);
  next = span.start + 1; /* after "{": compact text */
  for (gboolean more = pb_json_reader_start_object (reader); more;
       more = pb_json_reader_next (reader))
    {
      pb_json_reader_get_value_span (reader, &span);
      func (reader, object + next, span.end - next, index++, data);
      next = span.end + 1; /* after "," */
    }
  pb_json_reader_end (reader);

  return TRUE;
}

typedef struct
{
  const char *key;
  const char *value;
  gint        last;  /* the index of the last member `key`, or -1 */
  GString    *out;
} SetData;

static void
find_last (PbJsonReader *reader,
           const char   *member,
           gsize         member_len,
           guint         index,
           gpointer      data)
{
  SetData *set = data;

  if (pb_json_reader_member_is (reader, set->key, -1))
    set->last = index;
}

static void
append_separator (GString *out)
{
  if (out->len > 1)
    g_string_append_c (out, ',');
}

static void
copy_or_set (PbJsonReader *reader,
             const char   *member,
             gsize         member_len,
             guint         index,
             gpointer      data)
{
  SetData *set = data;
  PbTextSpan span;
  gsize key_len;

  /* Another member, or one before the last of that name (which readers do not take): as it
   * is, unless all of that name go. */
  if (!pb_json_reader_member_is (reader, set->key, -1)
      || (set->value != NULL && (gint)index != set->last))
    {
      append_separator (set->out);
      g_string_append_len (set->out, member, member_len);
      return;
    }
  if (set->value == NULL)
    return;

  /* The member's name as written, then the new value. */
  pb_json_reader_get_value_span (reader, &span);
  key_len = member_len - (span.end - span.start);
  append_separator (set->out);
  g_string_append_len (set->out, member, key_len);
  g_string_append (set->out, set->value);
}

char *
_pb_draft_object_set (const char *object,
                      const char *key,
                      const char *value)
{
  gsize size = (object != NULL ? strlen (object) : 2) + quoted_length (key)
               + (value != NULL ? strlen (value) : 0) + 3;
  SetData set = { key, value, -1, g_string_sized_new (size) };

  g_string_append_c (set.out, '{');

  if (foreach_member (object, find_last, &set))
    foreach_member (object, copy_or_set, &set);
  if (set.last < 0 && value != NULL)
    {
      append_separator (set.out);
      _pb_draft_append_string (set.out, key);
      g_string_append_c (set.out, ':');
      g_string_append (set.out, value);
    }
  g_string_append_c (set.out, '}');

  return g_string_free (set.out, FALSE);
}

char *
_pb_draft_value_to_text (const char *value)
{
  g_autoptr(PbJsonReader) reader = NULL;

  if (value == NULL)
    return g_strdup ("");

  reader = pb_json_reader_new (value, strlen (value), PB_JSON_CHECK_DEFAULT, NULL);
  if (reader == NULL)
    return g_strdup ("");
  switch (pb_json_reader_get_value_type (reader))
    {
    case PB_JSON_STRING:
      return pb_json_reader_dup_string (reader);
    case PB_JSON_NULL:
    case PB_JSON_NONE:
      return g_strdup ("");
    case PB_JSON_BOOLEAN:
    case PB_JSON_NUMBER:
    case PB_JSON_OBJECT:
    case PB_JSON_ARRAY:
    default:
      return g_strdup (value);
    }
}

char *
_pb_draft_place_dup (const char         *object,
                     const PbDraftPlace *place)
{
  g_autofree char *parent = NULL;

  if (place->parent == NULL)
    return _pb_draft_object_dup (object, place->key);

  parent = _pb_draft_object_dup (object, place->parent);
  return _pb_draft_object_dup (parent, place->key);
}

gboolean
_pb_draft_is_server_member (const char *name)
{
  return strcmp (name, "ref") == 0 || strcmp (name, "href") == 0
         || strcmp (name, "clientKey") == 0 || strcmp (name, "revision") == 0
         || strcmp (name, "modifiedAt") == 0 || g_str_has_prefix (name, "modifiedBy");
}

static void
copy_unless_server (PbJsonReader *reader,
                    const char   *member,
                    gsize         member_len,
                    guint         index,
                    gpointer      data)
{
  GString *out = data;
  g_autofree char *name = pb_json_reader_dup_member_name (reader);

  if (_pb_draft_is_server_member (name))
    return;
  append_separator (out);
  g_string_append_len (out, member, member_len);
}

char *
_pb_draft_strip_server_members (const char *object)
{
  GString *out = g_string_new ("{");

  foreach_member (object, copy_unless_server, out);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static void
collect_server_names (PbJsonReader *reader,
                      const char   *member,
                      gsize         member_len,
                      guint         index,
                      gpointer      data)
{
  GPtrArray *names = data;
  char *name = pb_json_reader_dup_member_name (reader);

  if (_pb_draft_is_server_member (name) && !g_ptr_array_find_with_equal_func (names, name,
                                                                               g_str_equal,
                                                                               NULL))
    g_ptr_array_add (names, name);
  else
    g_free (name);
}

char *
_pb_draft_take_server_members (const char *object,
                               const char *from)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char *result = g_strdup (object);

  /* Those of both: what `from` has is set, what only `object` has goes. */
  foreach_member (object, collect_server_names, names);
  foreach_member (from, collect_server_names, names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *value = _pb_draft_object_dup (from, name);
      char *next = _pb_draft_object_set (result, name, value);

      g_free (result);
      result = next;
    }

  return result;
}

/* }}} */
/* {{{ The draft's object */

/* `parent` (the text of the nested object, or NULL) with `key` set to `value`, or NULL when
 * that changes nothing. */
static char *
set_in (const char *parent,
        const char *key,
        const char *value)
{
  if (value == NULL && !_pb_draft_object_get (parent, key, &(PbTextSpan) { 0 }))
    return NULL;
  return _pb_draft_object_set (parent, key, value);
}

void
_pb_draft_set_place (PbConnectionDraft  *self,
                     const PbDraftPlace *place,
                     const char         *value)
{
  g_autofree char *parent = NULL;
  g_autofree char *new_parent = NULL;
  char *doc;

  if (place->parent == NULL)
    {
      doc = set_in (self->doc, place->key, value);
      if (doc != NULL)
        {
          g_free (self->doc);
          self->doc = doc;
        }
      return;
    }

  parent = _pb_draft_object_dup (self->doc, place->parent);
  new_parent = set_in (parent, place->key, value);
  if (new_parent == NULL)
    return;

  /* An object that only the edits made, and that they left empty, is again what it was
   * (missing, null, or a value of another type). */
  if (strcmp (new_parent, "{}") == 0)
    {
      g_autofree char *origin = _pb_draft_object_dup (self->origin, place->parent);

      if (origin == NULL || origin[0] != '{')
        {
          g_free (new_parent);
          new_parent = g_steal_pointer (&origin);
        }
    }
  doc = _pb_draft_object_set (self->doc, place->parent, new_parent);
  g_free (self->doc);
  self->doc = doc;
}

/* `doc` with auth.clientSecret set to `secret`. Every copy that holds it but the result is
 * wiped. */
static char *
with_client_secret (const char *doc,
                    const char *secret)
{
  char *quoted = _pb_draft_quote (secret);
  g_autofree char *auth = _pb_draft_object_dup (doc, "auth");
  char *new_auth = _pb_draft_object_set (auth, "clientSecret", quoted);
  char *result = _pb_draft_object_set (doc, "auth", new_auth);

  _pb_draft_free_secret (quoted);
  _pb_draft_free_secret (new_auth);
  return result;
}

char *
_pb_draft_dup_body (PbConnectionDraft *self,
                    PbDraftBody        kind,
                    gboolean           with_secret)
{
  gboolean masked = (kind & PB_DRAFT_BODY_MASKED) != 0;
  char *body;

  if ((kind & ~PB_DRAFT_BODY_MASKED) == PB_DRAFT_BODY_CREATE)
    body = _pb_draft_strip_server_members (self->doc);
  else
    body = g_strdup (self->doc);

  if (masked)
    {
      char *text = _pb_export_mask_text (body);

      g_free (body);
      return text;
    }

  if (with_secret && self->secret != NULL && self->secret[0] != '\0')
    {
      char *text = with_client_secret (body, self->secret);

      g_free (body);
      body = text;
    }

  return body;
}

/* }}} */

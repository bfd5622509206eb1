;; provenance-log: on-chain checkpoints of SPV Cloud provenance (transparency) logs (see README.md).
;; Message data at deployment: "ns" (namespace, string) and "upgrade" (bool).
(namespace (read-string "ns"))

(module provenance-log GOVERNANCE
  @doc "SPV Cloud provenance logs: append-only checkpoints (size, root) of each log, with strictly growing sizes."

  ;; Keyset names are fixed when the module is loaded, from the namespace it is loaded into.
  (defconst ADMIN-KEYSET:string (+ (read-string "ns") ".spv-cloud-admin"))
  (defconst OPERATOR-KEYSET:string (+ (read-string "ns") ".spv-cloud-operator"))

  (defconst HASH-ALGORITHM:string "SHA512t_256")
  (defconst MAX-ID-LENGTH:integer 128)
  ;; No "/" in ids: "/" separates the log id and the size in checkpoint row keys.
  (defconst ID-CHARSET:string "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:")
  (defconst ROOT-LENGTH:integer 43)
  (defconst BASE64URL-CHARSET:string "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
  ;; The last of the 43 characters of unpadded base64url for 32 bytes holds 2 data bits and 4 zero bits.
  (defconst ROOT-FINAL-CHARSET:string "AEIMQUYcgkosw048")
  ;; 2^53 - 1: sizes stay exact in JSON readers.
  (defconst MAX-LOG-SIZE:integer 9007199254740991)

  (defcap GOVERNANCE ()
    @doc "Upgrading the module needs the admin keyset."
    (enforce-keyset ADMIN-KEYSET))

  (defcap OPERATOR ()
    @doc "Recording needs the operator keyset; scope the operator signature to this capability."
    (enforce-keyset OPERATOR-KEYSET))

  (defcap CHECKPOINT-RECORDED:bool (log-id:string size:integer root:string)
    @doc "Emitted once for every recorded checkpoint."
    @event
    true)

  ;; The result of record-checkpoint (keys and types are a contract).
  (defschema checkpoint-record
    log-id:string
    size:integer
    root:string
    hash-algorithm:string)

  ;; One checkpoint. Row key: "<log-id>/<size>".
  (defschema checkpoint
    log-id:string
    size:integer
    root:string
    hash-algorithm:string
    recorded-at:time
    block-height:integer)

  ;; The latest checkpoint of each log. Row key: log id.
  (defschema log-head
    log-id:string
    size:integer
    root:string)

  (deftable checkpoints:{checkpoint})
  (deftable heads:{log-head})

  (defun all-in-charset:bool (text:string charset:string)
    @doc "True when every character of TEXT occurs in CHARSET."
    (fold (lambda (ok:bool c:string) (and ok (contains c charset))) true (str-to-list text)))

  (defun valid-id:bool (id:string)
    @doc "True when ID has 1 to MAX-ID-LENGTH characters, all from ID-CHARSET."
    (let ((n (length id)))
      (and (and (> n 0) (<= n MAX-ID-LENGTH))
           (all-in-charset id ID-CHARSET))))

  (defun valid-root:bool (root:string)
    @doc "True when ROOT is the canonical unpadded base64url text of 32 bytes."
    (and (= (length root) ROOT-LENGTH)
         (and (all-in-charset root BASE64URL-CHARSET)
              (contains (take -1 root) ROOT-FINAL-CHARSET))))

  (defun checkpoint-key:string (log-id:string size:integer)
    (format "{}/{}" [log-id size]))

  (defun checkpoint-record-of:object{checkpoint-record} (log-id:string size:integer root:string)
    { "log-id": log-id
    , "size": size
    , "root": root
    , "hash-algorithm": HASH-ALGORITHM })

  (defun record-checkpoint:object{checkpoint-record} (log-id:string size:integer root:string)
    @doc "Record a checkpoint of a log; its size must exceed the log's latest size. Returns the checkpoint record."
    (with-capability (OPERATOR)
      (enforce (valid-id log-id) "Invalid log id")
      (enforce (and (> size 0) (<= size MAX-LOG-SIZE)) "Invalid log size")
      (enforce (valid-root root) "Invalid root: expected 43 characters of unpadded base64url (32 bytes)")
      (with-default-read heads log-id
        { "size": 0 }
        { "size" := previous-size }
        (enforce (> size previous-size) (format "Log size must grow: {} is at size {}" [log-id previous-size])))
      (insert checkpoints (checkpoint-key log-id size)
        { "log-id": log-id
        , "size": size
        , "root": root
        , "hash-algorithm": HASH-ALGORITHM
        , "recorded-at": (at "block-time" (chain-data))
        , "block-height": (at "block-height" (chain-data)) })
      (write heads log-id { "log-id": log-id, "size": size, "root": root })
      (emit-event (CHECKPOINT-RECORDED log-id size root))
      (checkpoint-record-of log-id size root)))

  (defun log-exists:bool (log-id:string)
    @doc "True when the log has at least one checkpoint."
    (with-default-read heads log-id
      { "size": 0 }
      { "size" := size }
      (> size 0)))

  (defun get-head:object{log-head} (log-id:string)
    @doc "The latest checkpoint of a log (id, size, root). Fails when the log has none."
    (enforce (log-exists log-id) (format "Log not found: {}" [log-id]))
    (read heads log-id))

  (defun get-checkpoint:object{checkpoint} (log-id:string size:integer)
    @doc "The checkpoint of a log at a size, with the block time and height of its recording. Fails when absent."
    (let ((key (checkpoint-key log-id size)))
      (with-default-read checkpoints key
        { "root": "" }
        { "root" := root }
        (enforce (!= root "") (format "Checkpoint not found: {}" [key])))
      (read checkpoints key)))

  (defun list-checkpoints:[object{checkpoint}] (log-id:string)
    @doc "Every checkpoint of a log by ascending size. Meant for /local queries: select scans the whole table."
    (sort ["size"] (select checkpoints (where "log-id" (= log-id)))))
)

(if (read-msg "upgrade")
  ["upgrade"]
  [(create-table checkpoints)
   (create-table heads)])

;; spv-anchor: the on-chain registry of SPV Cloud event-batch roots (see README.md).
;; Message data at deployment: "ns" (namespace, string) and "upgrade" (bool).
(namespace (read-string "ns"))

(module spv-anchor GOVERNANCE
  @doc "SPV Cloud batch anchors: the Merkle root of each tenant event batch, recorded once by the SPV Cloud operator."

  ;; Keyset names are fixed when the module is loaded, from the namespace it is loaded into.
  (defconst ADMIN-KEYSET:string (+ (read-string "ns") ".spv-cloud-admin"))
  (defconst OPERATOR-KEYSET:string (+ (read-string "ns") ".spv-cloud-operator"))

  (defconst HASH-ALGORITHM:string "SHA512t_256")
  (defconst MAX-ID-LENGTH:integer 128)
  ;; No "/" in ids: "/" separates the two ids in row keys.
  (defconst ID-CHARSET:string "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:")
  (defconst ROOT-LENGTH:integer 43)
  (defconst BASE64URL-CHARSET:string "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
  ;; The last of the 43 characters of unpadded base64url for 32 bytes holds 2 data bits and 4 zero bits.
  (defconst ROOT-FINAL-CHARSET:string "AEIMQUYcgkosw048")
  (defconst MAX-LEAF-COUNT:integer 4294967296)

  (defcap GOVERNANCE ()
    @doc "Upgrading the module needs the admin keyset."
    (enforce-keyset ADMIN-KEYSET))

  (defcap OPERATOR ()
    @doc "Recording needs the operator keyset; scope the operator signature to this capability."
    (enforce-keyset OPERATOR-KEYSET))

  (defcap BATCH-ANCHORED:bool (tenant-id:string batch-id:string root:string leaf-count:integer)
    @doc "Emitted once for every recorded batch."
    @event
    true)

  ;; The result of record-batch: the anchor record SPV Cloud proofs check (keys and types are a contract).
  (defschema anchor-record
    tenant-id:string
    batch-id:string
    root:string
    leaf-count:integer
    hash-algorithm:string)

  ;; One recorded batch. Row key: "<tenant-id>/<batch-id>".
  (defschema batch
    tenant-id:string
    batch-id:string
    root:string
    leaf-count:integer
    hash-algorithm:string
    anchored-at:time
    block-height:integer)

  (deftable batches:{batch})

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

  (defun batch-key:string (tenant-id:string batch-id:string)
    (format "{}/{}" [tenant-id batch-id]))

  (defun anchor-record-of:object{anchor-record}
    (tenant-id:string batch-id:string root:string leaf-count:integer)
    { "tenant-id": tenant-id
    , "batch-id": batch-id
    , "root": root
    , "leaf-count": leaf-count
    , "hash-algorithm": HASH-ALGORITHM })

  (defun record-batch:object{anchor-record}
    (tenant-id:string batch-id:string root:string leaf-count:integer hash-algorithm:string)
    @doc "Record the root of a tenant event batch, once per (tenant id, batch id). Returns the anchor record."
    (with-capability (OPERATOR)
      (enforce (valid-id tenant-id) "Invalid tenant id")
      (enforce (valid-id batch-id) "Invalid batch id")
      (enforce (valid-root root) "Invalid root: expected 43 characters of unpadded base64url (32 bytes)")
      (enforce (and (> leaf-count 0) (<= leaf-count MAX-LEAF-COUNT)) "Invalid leaf count")
      (enforce (= hash-algorithm HASH-ALGORITHM) "Unsupported hash algorithm")
      (let ((key (batch-key tenant-id batch-id)))
        (with-default-read batches key
          { "root": "" }
          { "root" := existing-root }
          (enforce (= existing-root "") (format "Batch already anchored: {}" [key])))
        (insert batches key
          { "tenant-id": tenant-id
          , "batch-id": batch-id
          , "root": root
          , "leaf-count": leaf-count
          , "hash-algorithm": HASH-ALGORITHM
          , "anchored-at": (at "block-time" (chain-data))
          , "block-height": (at "block-height" (chain-data)) })
        (emit-event (BATCH-ANCHORED tenant-id batch-id root leaf-count))
        (anchor-record-of tenant-id batch-id root leaf-count))))

  (defun batch-exists:bool (tenant-id:string batch-id:string)
    @doc "True when the batch has been recorded."
    (with-default-read batches (batch-key tenant-id batch-id)
      { "root": "" }
      { "root" := root }
      (!= root "")))

  (defun get-batch:object{batch} (tenant-id:string batch-id:string)
    @doc "The recorded batch, with the block time and height of its recording. Fails when absent."
    (let ((key (batch-key tenant-id batch-id)))
      (enforce (batch-exists tenant-id batch-id) (format "Batch not found: {}" [key]))
      (read batches key)))

  (defun get-anchor-record:object{anchor-record} (tenant-id:string batch-id:string)
    @doc "The anchor record of a recorded batch, equal to what record-batch returned. Fails when absent."
    (bind (get-batch tenant-id batch-id)
      { "root" := root, "leaf-count" := leaf-count }
      (anchor-record-of tenant-id batch-id root leaf-count)))

  (defun list-batches:[object{batch}] (tenant-id:string)
    @doc "Every recorded batch of a tenant, in row-key order. Meant for /local queries: select scans the whole table."
    (select batches (where "tenant-id" (= tenant-id))))
)

(if (read-msg "upgrade")
  ["upgrade"]
  [(create-table batches)])

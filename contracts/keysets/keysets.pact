;; SPV Cloud keysets, defined once per chain in the deployment namespace before any module.
;; Message data: "ns" (namespace), "spv-cloud-admin" and "spv-cloud-operator" (keysets).
;; Re-running this file rotates the keysets: define-keyset enforces the current keyset first.
(namespace (read-string "ns"))

(define-keyset (+ (read-string "ns") ".spv-cloud-admin") (read-keyset "spv-cloud-admin"))
(define-keyset (+ (read-string "ns") ".spv-cloud-operator") (read-keyset "spv-cloud-operator"))

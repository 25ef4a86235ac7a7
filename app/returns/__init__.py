"""Returns of goods sold with a customer: found in the till's journal, checked, estimated, queued.

Qt-free but `screen` (the panel's "Return…" dialog controller); call it from a worker thread
(`worker.ReturnsOnWorker` runs it on the checkout's):

- `service.ReturnsService.find_sale(receipt_id)` / `todays_sales()`: a sale (`sales.SaleView`) with
  its lines, what each earned and was paid with points, and what earlier returns took back;
- `estimate(sale, lines)` (or the pure `service.estimate_return`): the points a return would take
  back and give back, before making it;
- `make_return(model.ReturnRequest)` → `model.ReturnAnswer`; `get(return_id)`: its state now;
- refusals are `errors.ReturnRefused` subclasses, worded for people by `texts.refusal_text`;
- `slip.return_summary(answer)`: what the return slip prints.
"""

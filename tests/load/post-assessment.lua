-- POSTs a complete, valid assessment with a varying example count.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local template = '{"answers":{"use_case_summary":"Load test","domain":"specialized","output_requirements":"strict_format","prompting_status":"insufficient","knowledge_vs_behavior":"behavior","prompt_efficiency_need":"high","request_volume":"high","example_count":%d,"data_quality":"curated","data_variety":"broad","has_eval_set":true,"change_frequency":"rarely","data_sensitivity":"internal","data_rights":"confirmed","bias_risk":"low","bias_mitigation":"none","budget":"substantial","ml_expertise":"dedicated_team","maintenance_capacity":"ongoing","model_hosting":"hosted_api"}}'

function request()
  return wrk.format(nil, nil, nil, string.format(template, math.random(0, 50000)))
end
